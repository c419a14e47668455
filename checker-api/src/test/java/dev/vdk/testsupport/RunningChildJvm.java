package dev.vdk.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child JVM that a test talks to while it runs (see {@link ChildJvm#start}): it reads the
 * child's stdout line by line, writes to its stdin, and waits for it to end. Both output streams are
 * read on background threads from the moment it starts, so a child never blocks on a full pipe,
 * and every wait is bounded by {@link ChildJvm#DEADLINE}: a child that hangs or goes silent fails
 * the test, with what it printed, instead of hanging it. Closing it kills a child still running.
 */
public final class RunningChildJvm implements AutoCloseable {
  private static final String END_OF_OUTPUT = "\0end of output";

  private final Process process;
  private final String what;
  private final Writer stdin;
  private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
  private final StringBuffer stdout = new StringBuffer();
  private final StringBuffer stderr = new StringBuffer();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  RunningChildJvm(Process process, String what) {
    this.process = process;
    this.what = what;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.stdoutReader = reader(process.getInputStream(), "stdout", line -> {
      stdout.append(line).append('\n');
      unread.add(line);
    });
    this.stderrReader = reader(process.getErrorStream(), "stderr", line -> stderr.append(line).append('\n'));
  }

  private Thread reader(InputStream stream, String name, Consumer<String> onLine) {
    Thread thread = new Thread(() -> {
      // Lenient: a child may print bytes that are not UTF-8.
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          onLine.accept(line);
        }
      } catch (IOException e) {
        // The stream ended with the process; the end marker below says so.
      }
      if (name.equals("stdout")) {
        unread.add(END_OF_OUTPUT);
      }
    }, "child-" + process.pid() + "-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  public long pid() {
    return process.pid();
  }

  /** Writes a line to the child's stdin. */
  public void send(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(what + " did not take the line '" + line + "'" + printed(), e);
    }
  }

  /** Closes the child's stdin, as the end of its input. */
  public void closeInput() {
    try {
      stdin.close();
    } catch (IOException e) {
      // Already gone; waiting for its end tells the rest.
    }
  }

  /** The child's next line on stdout; fails the test when it ends or says nothing for too long. */
  public String nextLine() {
    String line;
    try {
      line = unread.poll(ChildJvm.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for " + what, e);
    }
    if (line == null) {
      throw new AssertionError(what + " printed nothing for " + ChildJvm.DEADLINE + printed());
    }
    if (line.equals(END_OF_OUTPUT)) {
      unread.add(END_OF_OUTPUT);
      throw new AssertionError(what + " ended its output" + printed());
    }
    return line;
  }

  /** Reads stdout up to the first line that contains {@code fragment}, and returns that line. */
  public String awaitLine(String fragment) {
    while (true) {
      String line = nextLine();
      if (line.contains(fragment)) {
        return line;
      }
    }
  }

  /** Waits for the child to end, and returns all it printed; kills it and fails if it does not end. */
  public ChildJvm.Result awaitExit() {
    try {
      if (!process.waitFor(ChildJvm.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new AssertionError(what + " did not end within " + ChildJvm.DEADLINE + printed());
      }
      // The readers end at the end of the streams, which the ended child has closed.
      stdoutReader.join(ChildJvm.DEADLINE.toMillis());
      stderrReader.join(ChildJvm.DEADLINE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for " + what, e);
    }
    return new ChildJvm.Result(process.exitValue(), stdout.toString(), stderr.toString());
  }

  /** Kills the child as a crash would (SIGKILL: no shutdown hooks run) and waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(ChildJvm.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the child if it still runs: a test that failed half-way leaves nothing behind. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  /** Whether the child ended within {@code bound}; for a test that waits for an end it caused. */
  public boolean endsWithin(Duration bound) throws InterruptedException {
    return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  private String printed() {
    return "; its stdout so far:\n" + tail(stdout) + "\nits stderr so far:\n" + tail(stderr);
  }

  private static String tail(StringBuffer text) {
    return text.substring(Math.max(0, text.length() - 4000));
  }
}

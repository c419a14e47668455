package dev.vdk.executionskip.backend;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BackendWorker} in a child JVM, seen from the test: send it a command, wait for its
 * answer. Waiting is on the child's output (an event), bounded by a deadline that only a broken
 * child reaches.
 */
public final class WorkerProcess implements AutoCloseable {
  /** Generous: a cold JVM on a loaded two-core machine, not the lock, is the slow part. */
  public static final Duration ANSWER_DEADLINE = Duration.ofSeconds(60);

  private static final String END_OF_OUTPUT = "\0eof";

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path stderr;

  private WorkerProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::pumpStdout, "worker-" + process.pid() + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a worker with this test JVM's java and class path; its stderr goes to a file. */
  public static WorkerProcess start(
      List<String> workerArgs, Map<String, String> environment, Path stderrFile)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Small and quick to start: eight of these share two cores.
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx64m",
        "-cp", System.getProperty("java.class.path"),
        BackendWorker.class.getName()));
    command.addAll(workerArgs);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.to(stderrFile.toFile()));
    builder.environment().putAll(environment);
    return new WorkerProcess(builder.start(), stderrFile);
  }

  public long pid() {
    return process.pid();
  }

  public void send(String command) {
    try {
      stdin.write(command + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("worker " + pid() + " did not take " + command + stderrTail(), e);
    }
  }

  /** The worker's next line of output; fails the test if it ends or stays silent too long. */
  public String nextLine() throws InterruptedException {
    String line = lines.poll(ANSWER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      return fail("worker %d said nothing for %s%s", pid(), ANSWER_DEADLINE, stderrTail());
    }
    if (line.equals(END_OF_OUTPUT)) {
      lines.add(END_OF_OUTPUT);
      return fail("worker %d ended its output%s", pid(), stderrTail());
    }
    return line;
  }

  public void expect(String expected) throws InterruptedException {
    String line = nextLine();
    if (!line.equals(expected)) {
      fail("worker %d said '%s' where '%s' was expected%s", pid(), line, expected, stderrTail());
    }
  }

  /** Kills the worker the way a crash would (SIGKILL: no shutdown hooks) and waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Ends the worker by closing its input, as a finished run would end. */
  @Override
  public void close() throws InterruptedException {
    try {
      stdin.close();
    } catch (IOException e) {
      // Already gone; waiting below tells the rest.
    }
    if (!process.waitFor(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      kill();
    }
  }

  private void pumpStdout() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // The stream ended with the process; END_OF_OUTPUT says so.
    }
    lines.add(END_OF_OUTPUT);
  }

  private String stderrTail() {
    try {
      String text = Files.exists(stderr) ? Files.readString(stderr) : "";
      return Optional.of(text)
          .filter(t -> !t.isBlank())
          .map(t -> "; its stderr ends:\n" + t.substring(Math.max(0, t.length() - 4000)))
          .orElse("");
    } catch (IOException e) {
      return "; its stderr could not be read: " + e;
    }
  }
}

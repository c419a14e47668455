package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.testsupport.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demonstration, as real processes: with the local backend, a second run of the
 * example job started while the first one is still running is skipped, and a killed first run
 * does not block the next one.
 */
class ConcurrentRunsIT {
  private static final Path JAR = Path.of("target", "example-job.jar").toAbsolutePath();

  @TempDir Path workDir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private ChildJvm run(String name, int pauseSeconds) {
    return ChildJvm.in(workDir).withEnvironment(Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
        "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", workDir.resolve("locks").toString(),
        "VDK_EXAMPLE_PAUSE_SECONDS", Integer.toString(pauseSeconds),
        "VDK_ATTEMPT_ID", name + "-attempt-abcde",
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve(name + ".termination").toString()));
  }

  /** A run that this test watches while it runs, and kills. */
  private Process start(String name, int pauseSeconds) throws Exception {
    Process process =
        run(name, pauseSeconds).processBuilder(List.of("-jar", JAR.toString())).redirectErrorStream(true).start();
    started.add(process);
    return process;
  }

  /** Every line the process prints, as it prints it. */
  private static BlockingQueue<String> lines(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                lines.add("(output ended: " + e + ")");
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static void awaitLine(BlockingQueue<String> lines, String fragment) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    while (true) {
      String line = lines.poll(120, TimeUnit.SECONDS);
      assertThat(line).as("a line containing '%s' after %s", fragment, seen).isNotNull();
      seen.add(line);
      if (line.contains(fragment)) {
        return;
      }
    }
  }

  @Test
  void aSecondRunStartedWhileTheFirstRunsIsSkippedAndAKilledFirstRunBlocksNothing() throws Exception {
    Process first = start("first", 600);
    // The first run holds the lock once it pauses inside its load step.
    awaitLine(lines(first), "Pausing");

    ChildJvm.Result second = run("second", 0).runJar(JAR);

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output()).contains("decision=skip").contains("first-attempt-abcde").doesNotContain("Loaded");
    assertThat(Files.readString(workDir.resolve("second.termination"))).contains("\"status\": \"Skipped\"");

    first.destroyForcibly();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

    ChildJvm.Result third = run("third", 0).runJar(JAR);
    assertThat(third.exitCode()).as(third.output()).isZero();
    assertThat(third.output()).contains("decision=run").contains("Loaded 10 new records; checkpoint 0 -> 10");
  }
}

package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

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

  private Process start(String name, int pauseSeconds) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.toUpperCase().startsWith("VDK_"));
    env.put("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local");
    env.put("VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", workDir.resolve("locks").toString());
    env.put("VDK_EXAMPLE_PAUSE_SECONDS", Integer.toString(pauseSeconds));
    env.put("VDK_ATTEMPT_ID", name + "-attempt-abcde");
    env.put("VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve(name + ".termination").toString());
    Process process = builder.start();
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

  private static String output(Process process) throws Exception {
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void aSecondRunStartedWhileTheFirstRunsIsSkippedAndAKilledFirstRunBlocksNothing() throws Exception {
    Process first = start("first", 600);
    // The first run holds the lock once it pauses inside its load step.
    awaitLine(lines(first), "Pausing");

    Process second = start("second", 0);
    String secondOutput = output(second);

    assertThat(second.exitValue()).as(secondOutput).isZero();
    assertThat(secondOutput).contains("decision=skip").contains("first-attempt-abcde").doesNotContain("Loaded");
    assertThat(Files.readString(workDir.resolve("second.termination"))).contains("\"status\": \"Skipped\"");

    first.destroyForcibly();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

    Process third = start("third", 0);
    String thirdOutput = output(third);
    assertThat(third.exitValue()).as(thirdOutput).isZero();
    assertThat(thirdOutput).contains("decision=run").contains("Loaded 10 new records; checkpoint 0 -> 10");
  }
}

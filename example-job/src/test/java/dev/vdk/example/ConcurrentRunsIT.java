package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.testsupport.ChildJvm;
import dev.vdk.testsupport.RunningChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

  private ChildJvm run(String name, int pauseSeconds) {
    return ChildJvm.in(workDir).withEnvironment(Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
        "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", workDir.resolve("locks").toString(),
        "VDK_EXAMPLE_PAUSE_SECONDS", Integer.toString(pauseSeconds),
        "VDK_ATTEMPT_ID", name + "-attempt-abcde",
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve(name + ".termination").toString()));
  }

  @Test
  void aSecondRunStartedWhileTheFirstRunsIsSkippedAndAKilledFirstRunBlocksNothing() {
    try (RunningChildJvm first = run("first", 600).start(List.of("-jar", JAR.toString()))) {
      // The first run holds the lock once it pauses inside its load step.
      first.awaitLine("Pausing");

      ChildJvm.Result second = run("second", 0).runJar(JAR);

      assertThat(second.exitCode()).as(second.output()).isZero();
      assertThat(second.output()).contains("decision=skip").contains("first-attempt-abcde").doesNotContain("Loaded");
      assertThat(workDir.resolve("second.termination")).content().contains("\"status\": \"Skipped\"");

      first.kill();
    }

    ChildJvm.Result third = run("third", 0).runJar(JAR);
    assertThat(third.exitCode()).as(third.output()).isZero();
    assertThat(third.output()).contains("decision=run").contains("Loaded 10 new records; checkpoint 0 -> 10");
  }
}

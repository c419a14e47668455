package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows {@code docs/operations.md} literally: each block marked {@code <!-- checked by
 * OperationsGuideIT: NAME -->} is taken as the page shows it and run as a user would paste it,
 * against the jars this build made.
 */
class OperationsGuideIT {
  /** The repository's root: failsafe runs in this module's folder. */
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final Path GUIDE = REPO.resolve("docs").resolve("operations.md");
  private static final Path EXAMPLE_JOB_JAR = Path.of("target", "example-job.jar").toAbsolutePath();

  @TempDir Path workDir;

  /** The fenced block right after the marker {@code name}, without its fences. */
  private static String block(String name) throws IOException {
    List<String> lines = Files.readAllLines(GUIDE);
    int marker = lines.indexOf("<!-- checked by OperationsGuideIT: " + name + " -->");
    assertThat(marker).as("the marker of block %s in %s", name, GUIDE).isNotNegative();
    assertThat(lines.get(marker + 1)).as("the line after the marker of block %s", name).startsWith("```");
    int end = marker + 2;
    while (!lines.get(end).startsWith("```")) {
      end++;
    }
    return String.join("\n", lines.subList(marker + 2, end)) + "\n";
  }

  @Test
  void theInstallWorksWhenPasted() throws Exception {
    Path source = workDir.resolve("my").resolve("job").resolve("Main.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, block("write-a-job"));
    Path terminationLog = workDir.resolve("termination-log");

    ChildJvm.Result result =
        ChildJvm.in(workDir)
            .withEnvironment(Map.of(
                "REPO", REPO.toString(),
                "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog.toString()))
            .runShell(block("compile-and-run"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.out()).isEqualTo("Hello from my-job\n");
    // The plugin was found on the class path and made its decision.
    assertThat(result.err()).contains("execution_skip_decision job=my-job team=my-team");
    assertThat(Files.readString(terminationLog)).contains("\"status\": \"Success\"");
  }

  @Test
  void theLoggingConfigurationShowsWarningsAndThePluginsDebugLinesInUtc() throws Exception {
    Path properties = Files.writeString(workDir.resolve("logging.properties"), block("logging-properties"));

    ChildJvm.Result result =
        ChildJvm.in(workDir)
            .withJvmOptions("-Djava.util.logging.config.file=" + properties)
            .withEnvironment(Map.of(
                "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
                "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", workDir.resolve("locks").toString(),
                "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve("termination-log").toString()))
            .runJar(EXAMPLE_JOB_JAR);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.err())
        .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z FINE dev\\.vdk\\.executionskip\\.local\\.")
        .contains("INFO dev.vdk.executionskip.ExecutionSkipPlugin - execution_skip_decision")
        .doesNotContain("INFO dev.vdk.runtime.DataJobRuntime");
  }
}

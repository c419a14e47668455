package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * Writes the job of step 2, then runs, as one pasted script, the block that compiles it and
   * the given commands; the guard's termination message goes to a file of the test's.
   */
  private ChildJvm.Result compileAndRun(Map<String, String> environment, String commands) throws IOException {
    Path source = workDir.resolve("my").resolve("job").resolve("Main.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, block("write-a-job"));
    Map<String, String> variables = new HashMap<>(environment);
    variables.put("REPO", REPO.toString());
    variables.put("VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog().toString());
    return ChildJvm.in(workDir).withEnvironment(variables).runShell(block("compile") + commands);
  }

  private Path terminationLog() {
    return workDir.resolve("termination-log");
  }

  @Test
  void theInstallWorksWhenPasted() throws Exception {
    ChildJvm.Result result = compileAndRun(Map.of(), block("run"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.out()).isEqualTo("Hello from my-job\n");
    // The plugin was found on the class path and made its decision.
    assertThat(result.err()).contains("execution_skip_decision job=my-job team=my-team");
    assertThat(Files.readString(terminationLog())).contains("\"status\": \"Success\"");
  }

  @Test
  void configHelpListsTheKeysOfTheFrameworkAndOfThePlugin() throws Exception {
    ChildJvm.Result result = compileAndRun(Map.of(), block("config-help"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.out()).contains("JOB_CONFIG", "EXECUTION_SKIP_CHECKER_BACKEND");
  }

  /** The block as written, its two system folders moved into the test's folder. */
  @Test
  void aConfigFileFromOutsideTheJarChoosesTheBackend() throws Exception {
    String commands = block("external-config")
        .replace("/etc/vdk", workDir.resolve("etc/vdk").toString())
        .replace("/var/lib/vdk", workDir.resolve("var/lib/vdk").toString());

    ChildJvm.Result result = compileAndRun(Map.of(), commands);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.err()).contains("backend=local decision=run ");
    assertThat(workDir.resolve("var/lib/vdk/locks")).isDirectory();
  }

  @Test
  void theOutputAndTheLogCanBeRedirectedApart() throws Exception {
    ChildJvm.Result result = compileAndRun(Map.of(), block("redirect"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(workDir.resolve("job.out")).hasContent("Hello from my-job");
    assertThat(Files.readString(workDir.resolve("job.log")))
        .contains("execution_skip_decision job=my-job")
        .doesNotContain("Hello from my-job");
  }

  @Test
  void theLoggingConfigurationShowsWarningsAndThePluginsDebugLinesInUtc() throws Exception {
    Files.writeString(workDir.resolve("logging.properties"), block("logging-properties"));

    ChildJvm.Result result = compileAndRun(
        Map.of(
            "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
            "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", workDir.resolve("locks").toString()),
        block("run-with-logging-properties"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.err())
        .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z FINE dev\\.vdk\\.executionskip\\.local\\.")
        .contains("INFO dev.vdk.executionskip.ExecutionSkipPlugin - execution_skip_decision")
        .doesNotContain("INFO dev.vdk.runtime.DataJobRuntime");
  }

  @Test
  void aCommandLineThatIsNotUnderstoodExitsWithTheCodeTheTableGives() throws Exception {
    Matcher row = Pattern.compile("(?m)^\\| 2 \\| none \\| the job's command line was not understood \\(`([^`]+)`\\) \\|$")
        .matcher(Files.readString(GUIDE));
    assertThat(row.find()).as("the exit code table's row for 2").isTrue();

    ChildJvm.Result result = compileAndRun(Map.of(), row.group(1) + "\n");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown command");
  }

  /** The snippet a job author copies: the versions of this build, not of an older one. */
  @Test
  void theFatJarSnippetNamesThisBuildsVersions() throws Exception {
    String guide = Files.readString(GUIDE);
    Matcher shade = Pattern.compile("<artifactId>maven-shade-plugin</artifactId>\\s*<version>([^<]+)</version>").matcher(guide);
    Matcher ours = Pattern.compile("<artifactId>checker-(?:api|plugin)</artifactId>\\s*<version>([^<]+)</version>").matcher(guide);

    assertThat(shade.find()).as("the shade plugin's version in the guide").isTrue();
    assertThat(shade.group(1)).isEqualTo(System.getProperty("shade-plugin.version"));
    assertThat(ours.results().map(match -> match.group(1)))
        .isNotEmpty()
        .containsOnly(System.getProperty("project.version"));
  }
}

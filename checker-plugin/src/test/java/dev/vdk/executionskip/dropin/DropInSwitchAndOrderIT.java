package dev.vdk.executionskip.dropin;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vdk.api.VdkPlugin;
import dev.vdk.testsupport.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user gets from the jar dropped on a job's class path, in a real run: the switch {@code
 * VDK_EXECUTION_SKIP_CHECKER_ENABLED} turns the check off and on, and the plugin's try-first mark
 * puts its check before the {@code runJob} of any other plugin the job has, wherever its jar is on
 * the class path.
 */
class DropInSwitchAndOrderIT {
  private static final Path JAR = Path.of("target", "checker-plugin.jar").toAbsolutePath();
  private static final String EXECUTIONS_PATH =
      "/data-jobs/for-team/" + DropInJob.TEAM + "/jobs/" + DropInJob.JOB + "/executions";
  private static final String ANOTHER_EXECUTION =
      "[{\"id\": \"" + DropInJob.JOB + "-other\", \"status\": \"running\"}]";

  @RegisterExtension
  static final WireMockExtension controlService =
      WireMockExtension.newInstance().options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @TempDir Path workDir;
  private Path ownPlugin;

  /** A folder that announces the job's own plugin, as the job's own jar would. */
  @BeforeEach
  void announceTheJobsOwnPlugin() throws IOException {
    ownPlugin = workDir.resolve("own-plugin");
    Path services = Files.createDirectories(ownPlugin.resolve("META-INF/services"));
    Files.writeString(services.resolve(VdkPlugin.class.getName()), NormalRunJobPlugin.class.getName() + "\n");
  }

  private void controlServiceLists(String executions) {
    controlService.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(executions)));
  }

  private ChildJvm.Result run(List<String> classpath, Map<String, String> environment, String... args) {
    Map<String, String> all = new HashMap<>(Map.of(
        "VDK_LOG_CONFIG", "CLOUD",
        "VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + controlService.getPort(),
        "VDK_ATTEMPT_ID", DropInJob.JOB + "-own-abcde",
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog().toString()));
    all.putAll(environment);
    List<String> javaArgs = new ArrayList<>(List.of(
        "-cp", String.join(File.pathSeparator, classpath), DropInJob.class.getName()));
    javaArgs.addAll(List.of(args));
    return ChildJvm.in(workDir).withEnvironment(all).run(javaArgs);
  }

  private List<String> withTheJar(boolean jarFirst) {
    List<String> classpath = new ArrayList<>(DropInJarIT.frameworkClasspath());
    if (jarFirst) {
      classpath.add(0, JAR.toString());
      classpath.add(ownPlugin.toString());
    } else {
      classpath.add(ownPlugin.toString());
      classpath.add(JAR.toString());
    }
    return classpath;
  }

  private Path terminationLog() {
    return workDir.resolve("termination-log");
  }

  private String terminationStatus() throws IOException {
    return new ObjectMapper().readTree(Files.readString(terminationLog())).get("status").asText();
  }

  @ParameterizedTest(name = "VDK_EXECUTION_SKIP_CHECKER_ENABLED={0}")
  @ValueSource(strings = {"false", "no", "0"})
  void switchedOffTheJobRunsWithoutACheckThoughAnotherExecutionIsRunning(String off) throws Exception {
    controlServiceLists(ANOTHER_EXECUTION);

    ChildJvm.Result result = run(withTheJar(true), Map.of("VDK_EXECUTION_SKIP_CHECKER_ENABLED", off));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(terminationStatus()).as(result.output()).isEqualTo("Success");
    assertThat(result.out()).contains(DropInJob.STEP_LINE);
    assertThat(result.err())
        .contains("decision=run reason=\"the checker is disabled by EXECUTION_SKIP_CHECKER_ENABLED\"");
    assertThat(controlService.getAllServeEvents()).as("requests to the Control Service").isEmpty();
  }

  @ParameterizedTest(name = "VDK_EXECUTION_SKIP_CHECKER_ENABLED={0}")
  @ValueSource(strings = {"true", "yes", "1"})
  void switchedOnTheJobIsCheckedAndSkippedWhileAnotherExecutionIsRunning(String on) throws Exception {
    controlServiceLists(ANOTHER_EXECUTION);

    ChildJvm.Result result = run(withTheJar(true), Map.of("VDK_EXECUTION_SKIP_CHECKER_ENABLED", on));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(terminationStatus()).as(result.output()).isEqualTo("Skipped");
    assertThat(result.out()).doesNotContain(DropInJob.STEP_LINE);
    assertThat(result.err()).contains("decision=skip").contains("conflicting_id=" + DropInJob.JOB + "-other");
    assertThat(controlService.getAllServeEvents()).as("requests to the Control Service").hasSize(1);
  }

  @ParameterizedTest(name = "plugin jar first on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void aSkipEndsTheRunBeforeAnyOtherPluginsRunJob(boolean jarFirst) throws Exception {
    controlServiceLists(ANOTHER_EXECUTION);

    ChildJvm.Result result = run(withTheJar(jarFirst), Map.of());

    assertThat(terminationStatus()).as(result.output()).isEqualTo("Skipped");
    assertThat(result.output()).doesNotContain(NormalRunJobPlugin.RUN_JOB_LINE).doesNotContain(DropInJob.STEP_LINE);
  }

  @ParameterizedTest(name = "plugin jar first on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void aRunIsDecidedBeforeAnyOtherPluginsRunJob(boolean jarFirst) throws Exception {
    controlServiceLists("[]");

    ChildJvm.Result result = run(withTheJar(jarFirst), Map.of());

    assertThat(terminationStatus()).as(result.output()).isEqualTo("Success");
    List<String> order = result.err().lines()
        .filter(line -> line.contains("execution_skip_decision") || line.contains(NormalRunJobPlugin.RUN_JOB_LINE))
        .toList();
    assertThat(order).as(result.err()).hasSize(2);
    assertThat(order.get(0)).contains("execution_skip_decision", "decision=run");
    assertThat(order.get(1)).contains(NormalRunJobPlugin.RUN_JOB_LINE);
    assertThat(result.out()).contains(DropInJob.STEP_LINE);
  }

  @Test
  void theHooksCommandShowsTheCheckFirst() {
    ChildJvm.Result result = run(withTheJar(false), Map.of(), "hooks");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.out())
        .contains("runJob: dev.vdk.executionskip.ExecutionSkipPlugin (try-first), "
            + NormalRunJobPlugin.class.getName() + " (normal), then the job's steps");
  }
}

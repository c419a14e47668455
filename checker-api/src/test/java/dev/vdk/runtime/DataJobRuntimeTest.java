package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.HookOrder;
import dev.vdk.api.JobContext;
import dev.vdk.api.LogConfig;
import dev.vdk.api.Order;
import dev.vdk.api.Step;
import dev.vdk.api.VdkPlugin;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataJobRuntimeTest {
  private static final String JOB_CONF = "job_name = demo-job\nteam = demo-team\n";

  private final List<String> events = new ArrayList<>();

  private DataJob job(Step... steps) {
    return new DataJob(List.of(steps), JOB_CONF, "job.conf");
  }

  private Step step(String name) {
    return Step.named(name, input -> events.add("step " + name));
  }

  @HookOrder(Order.TRY_FIRST)
  class SkippingPlugin implements VdkPlugin {
    @Override
    public Optional<ExecutionResult> runJob(JobContext context) {
      events.add("skip");
      return Optional.of(ExecutionResult.skipped("another execution is running"));
    }

    @Override
    public void finalizeJob(JobContext context) {
      events.add("finalize");
    }

    @Override
    public void vdkExit(int exitCode) {
      events.add("exit " + exitCode);
    }
  }

  @HookOrder(Order.TRY_FIRST)
  class PassingPlugin implements VdkPlugin {
    @Override
    public Optional<ExecutionResult> runJob(JobContext context) {
      events.add("check");
      return Optional.empty();
    }
  }

  @Test
  void aSuccessfulRunRunsEveryStepInOrderAndExitsZero() {
    JobRunReport report = JobTestKit.forJob(job(step("one"), step("two"))).withPlugin(new PassingPlugin()).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.exitCode()).isZero();
    assertThat(report.stepsRun()).containsExactly("one", "two");
    assertThat(events).containsExactly("check", "step one", "step two");
    assertThat(report.terminationMessage()).hasValueSatisfying(m -> assertThat(m).contains("\"status\": \"Success\""));
  }

  @Test
  void aSkippingHookEndsTheRunWithExitZeroNoStepAndSkippedWrittenOnce() {
    JobRunReport report = JobTestKit.forJob(job(step("one"))).withPlugin(new SkippingPlugin()).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(report.exitCode()).isZero();
    assertThat(report.stepsRun()).isEmpty();
    assertThat(events).containsExactly("skip", "finalize", "exit 0");
    assertThat(report.terminationMessage())
        .hasValueSatisfying(m -> assertThat(m).endsWith("\"status\": \"Skipped\"}"));
  }

  @Test
  void aSkipIsNotOverwrittenByTheEndOfRunWriter(@TempDir Path dir) throws Exception {
    Path terminationLog = dir.resolve("termination-log");

    JobTestKit.forJob(job(step("one")))
        .withPlugin(new SkippingPlugin())
        .withEnvironment("VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog.toString())
        .run();

    assertThat(Files.readString(terminationLog)).contains("\"status\": \"Skipped\"").doesNotContain("Success");
  }

  @Test
  void aFailingStepIsAUserErrorWithNonZeroExitAndStopsLaterSteps() {
    Step failing = Step.named("failing", input -> { throw new IllegalStateException("bad data"); });

    JobRunReport report = JobTestKit.forJob(job(failing, step("after"))).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.exitCode()).isNotZero();
    assertThat(report.result().message()).contains("failing").contains("bad data");
    assertThat(events).doesNotContain("step after");
    assertThat(report.terminationMessage()).hasValueSatisfying(m -> assertThat(m).contains("\"status\": \"User error\""));
  }

  @Test
  void aPluginThatFailsWhileConfiguringEndsTheRunAsAPlatformErrorNamingItsClass() {
    VdkPlugin broken =
        new VdkPlugin() {
          @Override
          public void vdkConfigure(ConfigurationBuilder builder) {
            throw new IllegalStateException("cannot declare");
          }
        };

    JobRunReport report = JobTestKit.forJob(job(step("one"))).withPlugin(broken).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.result().message()).contains(broken.getClass().getName()).contains("cannot declare");
    assertThat(report.stepsRun()).isEmpty();
    assertThat(report.terminationMessage()).hasValueSatisfying(m -> assertThat(m).contains("Platform error"));
  }

  @Test
  void aBadSettingIsAUserErrorThatNamesTheVariable() {
    JobRunReport report =
        JobTestKit.forJob(job(step("one")))
            .withEnvironment("VDK_LOG_CONFIG", "maybe")
            .run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.result().message()).contains("LOG_CONFIG").contains("'maybe'").contains("VDK_LOG_CONFIG");
    assertThat(report.logLinesContaining("VDK_LOG_CONFIG")).isNotEmpty();
  }

  @Test
  void anErrorThrownByAStepStillEndsTheRunWithAPlatformErrorMessage() {
    Step overflowing = Step.named("deep", input -> { throw new StackOverflowError("too deep"); });

    JobRunReport report = JobTestKit.forJob(job(overflowing)).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.exitCode()).isNotZero();
    assertThat(report.terminationMessage()).hasValueSatisfying(m -> assertThat(m).contains("Platform error"));
  }

  /** Notes each runJob call in the run's state, so a test can count instances without statics. */
  public static class CountingPlugin implements VdkPlugin {
    @Override
    public Optional<ExecutionResult> runJob(JobContext context) {
      context.state().put("count", context.state().get("count", Integer.class).orElse(0) + 1);
      return Optional.empty();
    }
  }

  @Test
  void aPluginRegisteredInCodeReplacesADiscoveredOneOfTheSameClass(@TempDir Path classpathEntry) throws Exception {
    Path services = Files.createDirectories(classpathEntry.resolve("META-INF/services"));
    Files.writeString(services.resolve(VdkPlugin.class.getName()), CountingPlugin.class.getName() + "\n");
    ClassLoader loader =
        new java.net.URLClassLoader(new java.net.URL[] {classpathEntry.toUri().toURL()}, getClass().getClassLoader());

    RunOutcome outcome =
        DataJobRuntime.builder()
            .discoverPluginsIn(loader)
            .plugin(new CountingPlugin())
            .environment(java.util.Map.of("VDK_TERMINATION_MESSAGE_WRITER_ENABLED", "false"))
            .processExit(code -> {})
            .build()
            .run(job(step("one")));

    assertThat(outcome.context()).hasValueSatisfying(c -> assertThat(c.state().get("count", Integer.class)).contains(1));
  }

  @Test
  void whenTheConfigurationCannotBeReadTheTerminationMessageStillGoesWhereTheEnvironmentSays(@TempDir Path dir)
      throws Exception {
    Path terminationLog = dir.resolve("termination-log");
    VdkPlugin broken =
        new VdkPlugin() {
          @Override
          public void vdkConfigure(ConfigurationBuilder builder) {
            throw new IllegalStateException("cannot declare");
          }
        };

    JobTestKit.forJob(job(step("one")))
        .withPlugin(broken)
        .withEnvironment("vdk_termination_message_writer_output_file", terminationLog.toString())
        .run();

    assertThat(Files.readString(terminationLog)).contains("\"status\": \"Platform error\"");
  }

  @Test
  void theJobNeedsATeam() {
    JobRunReport report = JobTestKit.forJob(new DataJob(List.of(), "job_name = x", "job.conf")).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.result().message()).contains("TEAM").contains("VDK_TEAM");
  }

  @Test
  void aBlankVariableMeansUnsetSoTheDefaultApplies() {
    JobRunReport report =
        JobTestKit.forJob(job(step("one")))
            .withEnvironment("VDK_LOG_CONFIG", "")
            .withEnvironment("VDK_TERMINATION_MESSAGE_WRITER_ENABLED", " ")
            .run();

    assertThat(report.status()).as(report.result().message()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.context()).hasValueSatisfying(c -> assertThat(c.logConfig()).isEqualTo(LogConfig.LOCAL));
    assertThat(report.terminationMessage()).isPresent();
  }

  @Test
  void aBlankVariableLeavesTheValueOfTheJobsConfigFile() {
    JobRunReport report = JobTestKit.forJob(job(step("one"))).withEnvironment("VDK_TEAM", " ").run();

    assertThat(report.status()).as(report.result().message()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.context()).hasValueSatisfying(c -> assertThat(c.team()).isEqualTo("demo-team"));
  }

  @Test
  void aBlankVariableForARequiredKeyWithNoOtherValueIsAUserErrorSayingItHasNoValue() {
    JobRunReport report =
        JobTestKit.forJob(new DataJob(List.of(), "job_name = x", "job.conf")).withEnvironment("VDK_TEAM", "").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.result().message()).contains("TEAM has no value").contains("VDK_TEAM");
  }

  @Test
  void environmentOverridesTheJobsNameAndTeam() {
    JobRunReport report =
        JobTestKit.forJob(job())
            .withEnvironment("VDK_JOB_NAME", "renamed")
            .withEnvironment("VDK_TEAM", "other-team")
            .run();

    assertThat(report.context()).hasValueSatisfying(c -> {
      assertThat(c.jobName()).isEqualTo("renamed");
      assertThat(c.team()).isEqualTo("other-team");
    });
  }

  @Test
  void theRunEndsWithOneLogLineNamingJobTeamAttemptAndStatus() {
    JobRunReport report = JobTestKit.forJob(job()).withEnvironment("VDK_ATTEMPT_ID", "exec-7-abcde").run();

    assertThat(report.logLinesContaining("ended with status Success"))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("demo-job").contains("demo-team").contains("exec-7-abcde"));
  }
}

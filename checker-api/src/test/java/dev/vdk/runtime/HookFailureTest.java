package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.JobContext;
import dev.vdk.api.Step;
import dev.vdk.api.VdkPlugin;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a runtime exception in each hook does to the run, as VdkPlugin's Javadoc and the README say:
 * in a setup hook it ends the run as a Platform error (a configuration error as a User error); in a
 * teardown hook it is a warning and changes nothing.
 */
class HookFailureTest {
  private final List<String> seen = new ArrayList<>();

  /** Throws what it is given in one hook; notes the teardown hooks it reaches. */
  final class FailingIn implements VdkPlugin {
    private final String hook;
    private final Supplier<RuntimeException> failure;

    FailingIn(String hook, Supplier<RuntimeException> failure) {
      this.hook = hook;
      this.failure = failure;
    }

    private void maybeFail(String current) {
      if (current.equals(hook)) {
        throw failure.get();
      }
    }

    @Override
    public void vdkConfigure(ConfigurationBuilder builder) {
      maybeFail("vdkConfigure");
    }

    @Override
    public void initializeJob(JobContext context) {
      maybeFail("initializeJob");
    }

    @Override
    public Optional<ExecutionResult> runJob(JobContext context) {
      maybeFail("runJob");
      return Optional.empty();
    }

    @Override
    public void finalizeJob(JobContext context, ExecutionResult result) {
      seen.add("finalizeJob");
      maybeFail("finalizeJob");
    }

    @Override
    public void vdkExit(ExecutionResult result) {
      seen.add("vdkExit");
      maybeFail("vdkExit");
    }
  }

  private JobRunReport runFailingIn(String hook, Supplier<RuntimeException> failure) {
    DataJob job = DataJob.of("j", "t", List.of(Step.named("load", input -> seen.add("step"))));
    return JobTestKit.forJob(job).withPlugin(new FailingIn(hook, failure)).run();
  }

  @ParameterizedTest
  @ValueSource(strings = {"vdkConfigure", "initializeJob", "runJob"})
  void aRuntimeExceptionInASetupHookIsAPlatformErrorNamingThePluginAndNoStepRuns(String hook) {
    JobRunReport report = runFailingIn(hook, () -> new IllegalStateException("boom"));

    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.exitCode()).isEqualTo(ExecutionStatus.PLATFORM_ERROR.exitCode());
    assertThat(report.result().message()).contains(FailingIn.class.getName()).contains(hook).contains("boom");
    assertThat(report.stepsRun()).isEmpty();
    assertThat(report.terminationMessage()).hasValueSatisfying(m -> assertThat(m).contains("Platform error"));
  }

  @Test
  void afterAFailedVdkConfigureOnlyVdkExitRunsForThereIsNoJobContext() {
    runFailingIn("vdkConfigure", () -> new IllegalStateException("boom"));

    assertThat(seen).containsExactly("vdkExit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"initializeJob", "runJob"})
  void afterAFailedInitializeJobOrRunJobEveryTeardownHookStillRuns(String hook) {
    runFailingIn(hook, () -> new IllegalStateException("boom"));

    assertThat(seen).containsExactly("finalizeJob", "vdkExit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vdkConfigure", "initializeJob", "runJob"})
  void aConfigurationExceptionInASetupHookIsAUserErrorWithItsOwnMessage(String hook) {
    JobRunReport report = runFailingIn(hook, () -> new ConfigurationException("Configuration key X has no value."));

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.result().message()).isEqualTo("Configuration key X has no value.");
    assertThat(report.stepsRun()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"finalizeJob", "vdkExit"})
  void aRuntimeExceptionInATeardownHookIsAWarningThatChangesNothing(String hook) {
    JobRunReport report = runFailingIn(hook, () -> new IllegalStateException("boom"));

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.exitCode()).isZero();
    assertThat(report.stepsRun()).containsExactly("load");
    assertThat(seen).containsExactly("step", "finalizeJob", "vdkExit");
    assertThat(report.logLinesContaining("failed in " + hook))
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("WARNING").contains(FailingIn.class.getName()).contains("boom"));
  }
}

package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.vdk.api.Configuration;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The plugin's decisions and policies, against a scripted backend. */
class ExecutionSkipPluginTest {
  private final FakeTime time = new FakeTime();
  private final List<String> events = new ArrayList<>();
  private final Deque<Object> script = new ArrayDeque<>();
  private final List<ExecutionRequest> requests = new ArrayList<>();
  private final AtomicInteger leasesClosed = new AtomicInteger();

  private final ExecutionBackend scripted =
      new ExecutionBackend() {
        @Override
        public String name() {
          return "scripted";
        }

        @Override
        public Decision tryAcquire(ExecutionRequest request) throws Exception {
          requests.add(request);
          Object next = script.isEmpty() ? run() : script.poll();
          if (next instanceof Exception e) {
            throw e;
          }
          return (Decision) next;
        }
      };

  private final SpiedBackends backends = new SpiedBackends(() -> scripted);

  private Decision run() {
    return Decision.run("no other execution holds the job", leasesClosed::incrementAndGet);
  }

  private static Decision skip() {
    return Decision.skip("Execution other-exec-1 is running.", "other-exec-1");
  }

  private JobTestKit kit(Step... steps) {
    List<Step> all = new ArrayList<>(List.of(steps));
    if (all.isEmpty()) {
      all.add(Step.named("load", input -> events.add("step")));
    }
    return JobTestKit.forJob(TestJob.of(all))
        .withPlugin(new ExecutionSkipPlugin(time, time, backends.providers()))
        .withEnvironment("VDK_ATTEMPT_ID", TestJob.ATTEMPT_ID)
        .withEnvironment("VDK_LOG_CONFIG", "CLOUD");
  }

  @Test
  void runsTheStepsWhenNoOtherExecutionIsRunning() {
    JobRunReport report = kit().run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(events).containsExactly("step");
    assertThat(requests)
        .singleElement()
        .isEqualTo(new ExecutionRequest("finance", "orders", "orders-123", "orders-123-abcde"));
  }

  @Test
  void skipsWithExitZeroNoStepAndSkippedTerminationMessageWhenAnotherIsRunning() {
    script.add(skip());

    JobRunReport report = kit().run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(report.exitCode()).isZero();
    assertThat(report.stepsRun()).isEmpty();
    assertThat(report.terminationMessage()).hasValueSatisfying(m -> assertThat(m).contains("\"status\": \"Skipped\""));
    assertThat(report.logLinesContaining("Skipping job orders of team finance (attempt orders-123-abcde)"))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("id other-exec-1"));
  }

  @Test
  void logsOneDecisionLinePerRun() {
    script.add(skip());

    JobRunReport report = kit().run();

    assertThat(report.logLinesContaining(DecisionLine.PREFIX))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains(
                        "execution_skip_decision job=orders team=finance attempt_id=orders-123-abcde"
                            + " backend=control-service decision=skip reason=\"Execution other-exec-1 is running.\""
                            + " conflicting_id=other-exec-1 duration_ms="));
  }

  @Test
  void disabledCheckerNeverAsksTheBackend() throws Exception {
    JobRunReport report = kit().withEnvironment("VDK_EXECUTION_SKIP_CHECKER_ENABLED", "false").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    verify(backends.named("control-service"), never()).create(any(), any());
    assertThat(report.logLinesContaining("decision=run reason=\"the checker is disabled")).hasSize(1);
  }

  @Test
  void localRunsSkipTheControlServiceCheckAsVdkDoes() throws Exception {
    JobRunReport report = kit().withEnvironment("VDK_LOG_CONFIG", "LOCAL").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    verify(backends.named("control-service"), never()).create(any(), any());
    assertThat(report.logLinesContaining("Local execution, skipping parallel execution check.")).hasSize(1);
  }

  @Test
  void anExplicitlyChosenLocalBackendGuardsLocalRunsToo() throws Exception {
    script.add(skip());

    JobRunReport report =
        kit().withEnvironment("VDK_LOG_CONFIG", "LOCAL").withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local").run();

    verify(backends.named("local")).create(any(), any());
    verify(backends.named("control-service"), never()).create(any(), any());
    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
  }

  @Test
  void theSelectedBackendIsMadeFromTheRunsConfigurationWithThePluginsClockSleeperAndDeadline() throws Exception {
    kit().withEnvironment("VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", "45").run();

    ArgumentCaptor<Configuration> config = ArgumentCaptor.forClass(Configuration.class);
    ArgumentCaptor<BackendContext> context = ArgumentCaptor.forClass(BackendContext.class);
    verify(backends.named("control-service")).create(config.capture(), context.capture());
    assertThat(config.getValue().find("EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS")).contains("45");
    assertThat(context.getValue()).isEqualTo(new BackendContext(time, time, Duration.ofSeconds(45)));
  }

  @Test
  void theLeaseIsReleasedAfterTheStepsHaveRun() {
    Step step = Step.named("load", input -> events.add("step while " + leasesClosed.get() + " released"));

    kit(step).run();

    assertThat(events).containsExactly("step while 0 released");
    assertThat(leasesClosed).hasValue(1);
  }

  @Test
  void theLeaseIsReleasedWhenAStepFails() {
    JobRunReport report = kit(Step.named("load", input -> { throw new IllegalStateException("bad row"); })).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(leasesClosed).hasValue(1);
  }

  @Test
  void aFailedCheckProceedsByDefaultWithAWarningNamingTheCause() {
    script.add(new java.io.IOException("Connection refused"));

    JobRunReport report = kit().run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(events).containsExactly("step");
    assertThat(report.logLinesContaining("WARNING"))
        .anySatisfy(line -> assertThat(line).contains("Error while checking for concurrent executions").contains("Connection refused"))
        .anySatisfy(line -> assertThat(line).contains("Proceeding with the execution despite the check failure"));
    assertThat(report.logLinesContaining("decision=run-on-error")).hasSize(1);
  }

  @Test
  void aFailedCheckSkipsWhenThePolicyIsSkip() {
    script.add(new java.io.IOException("Connection refused"));

    JobRunReport report = kit().withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "skip").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(report.exitCode()).isZero();
    assertThat(events).isEmpty();
    assertThat(report.logLinesContaining("decision=skip-on-error")).hasSize(1);
  }

  @Test
  void aFailedCheckFailsTheRunAsAPlatformErrorWhenThePolicyIsFail() {
    script.add(new java.io.IOException("Connection refused"));

    JobRunReport report = kit().withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "FAIL").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.exitCode()).isNotZero();
    assertThat(report.result().message()).contains("EXECUTION_SKIP_ON_ERROR=fail").contains("Connection refused");
    assertThat(report.terminationMessage()).hasValueSatisfying(m -> assertThat(m).contains("Platform error"));
    assertThat(events).isEmpty();
  }

  @Test
  void aBackendThatCannotEvenBeLoadedIsAFailedCheckUnderTheErrorPolicy() {
    SpiedBackends unloadable = new SpiedBackends(() -> { throw new NoClassDefFoundError("feign/Feign"); });
    JobRunReport report =
        JobTestKit.forJob(TestJob.of(Step.named("load", input -> events.add("step"))))
            .withPlugin(new ExecutionSkipPlugin(time, time, unloadable.providers()))
            .withEnvironment("VDK_LOG_CONFIG", "CLOUD")
            .run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(events).containsExactly("step");
    assertThat(report.logLinesContaining("decision=run-on-error")).singleElement()
        .satisfies(line -> assertThat(line).contains("NoClassDefFoundError"));
  }

  @Test
  void theDecisionLineNamesTheChosenBackendEvenWhenTheCheckerIsDisabled() {
    JobRunReport report =
        kit()
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_ENABLED", "no")
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "Local")
            .run();

    assertThat(report.logLinesContaining("backend=local decision=run")).hasSize(1);
  }

  @Test
  void waitsWithGrowingPausesThenRunsOnceTheOtherExecutionEnded() {
    script.add(skip());
    script.add(skip());
    script.add(skip());

    JobRunReport report = kit().withEnvironment("VDK_EXECUTION_SKIP_WAIT_SECONDS", "60").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(requests).hasSize(4);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void skipsWhenTheWaitIsOver() {
    for (int i = 0; i < 100; i++) {
      script.add(skip());
    }

    JobRunReport report = kit().withEnvironment("VDK_EXECUTION_SKIP_WAIT_SECONDS", "20").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(report.result().message()).contains("still running after waiting 20 s");
    assertThat(time.sleeps().stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(20));
  }
}

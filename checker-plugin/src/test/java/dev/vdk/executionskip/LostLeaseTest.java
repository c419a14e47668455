package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.LeaseLossListener;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Whatever the backend, a lease lost mid-run is logged and stops the run before its next step. */
class LostLeaseTest {
  private static final String WHAT = "The database session that held the lock ended.";

  private final FakeTime time = new FakeTime();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final AtomicReference<LeaseLossListener> listener = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A lease that hands its watcher to the test, which plays the backend noticing the loss. */
  private final Lease watchable =
      new Lease() {
        @Override
        public void close() {
          closed.set(true);
        }

        @Override
        public void watch(LeaseLossListener watcher) {
          events.add("watched");
          listener.set(watcher);
        }

        @Override
        public OptionalLong fencingToken() {
          return OptionalLong.of(17);
        }
      };

  private final ExecutionBackend backend =
      new ExecutionBackend() {
        @Override
        public String name() {
          return "scripted";
        }

        @Override
        public Decision tryAcquire(ExecutionRequest request) {
          return Decision.run("no other execution holds the job", watchable);
        }
      };

  private JobRunReport run(Step... steps) {
    return JobTestKit.forJob(TestJob.of(steps))
        .withPlugin(new ExecutionSkipPlugin(time, time, new SpiedBackends(() -> backend).providers()))
        .withEnvironment("VDK_ATTEMPT_ID", TestJob.ATTEMPT_ID)
        .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local")
        .run();
  }

  @Test
  void aLeaseLostDuringAStepIsLoggedAndNoFurtherStepRuns() {
    Step load = Step.named("load", input -> {
      time.advance(Duration.ofSeconds(42));
      listener.get().leaseLost(WHAT);
      events.add("stop requested " + input.runControl().stopRequested());
    });
    Step publish = Step.named("publish", input -> events.add("publish"));

    JobRunReport report = run(load, publish);

    assertThat(events).containsExactly("watched", "stop requested true");
    assertThat(report.stepsRun()).containsExactly("load");
    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.result().message())
        .isEqualTo("Job orders of team finance stopped before step publish: The local lock of"
            + " attempt orders-123-abcde was lost while the job ran. " + WHAT
            + " Another execution may run beside it.");
    assertThat(report.logLinesContaining("lost its local lock"))
        .first()
        .satisfies(line -> assertThat(line).startsWith("SEVERE ")
            .contains("Job orders of team finance (attempt orders-123-abcde) lost its local lock"
                + " while running. " + WHAT + " Another execution may run beside it;"
                + " no further step will start."));
    assertThat(report.logLinesContaining(DecisionLine.PREFIX))
        .containsExactly(
            "INFO dev.vdk.executionskip.ExecutionSkipPlugin: execution_skip_decision job=orders"
                + " team=finance attempt_id=orders-123-abcde backend=local decision=run"
                + " reason=\"no other execution holds the job\" conflicting_id=- duration_ms=0 fencing_token=17",
            "INFO dev.vdk.executionskip.ExecutionSkipPlugin: execution_skip_decision job=orders"
                + " team=finance attempt_id=orders-123-abcde backend=local decision=lost"
                + " reason=\"" + WHAT + "\" conflicting_id=- duration_ms=42000"
                + " fencing_token=17");
    assertThat(closed).as("the lease is still released").isTrue();
  }

  @Test
  void aLostLeaseWhoseMessageHoldsControlsAndASecretIsShownEscapedAndWithoutIt() {
    String password = "hunter2-pw";
    String serverMessage = "FATAL: terminating connection " + HostileText.VALUE + " password " + password;
    Step load = Step.named("load", input -> listener.get().leaseLost(serverMessage));

    JobRunReport report =
        JobTestKit.forJob(TestJob.of(load))
            .withPlugin(new ExecutionSkipPlugin(time, time, new SpiedBackends(() -> backend).providers()))
            .withEnvironment("VDK_ATTEMPT_ID", TestJob.ATTEMPT_ID)
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local")
            .withEnvironment("VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", password)
            .run();

    assertThat(report.logLinesContaining("lost its local lock")).singleElement();
    assertThat(report.logLinesContaining("decision=lost")).singleElement();
    assertThat(report.logLinesContaining("terminating connection")).hasSizeGreaterThanOrEqualTo(2);
    report.logLines().forEach(line -> HostileText.assertShownHarmlessly(line, line));
    HostileText.assertShownHarmlessly(report.result().message(), "the result's message");
    SecretForms.assertAbsent(password, String.join("\n", report.logLines()) + report.result().message(), "the run's output");
  }
}

package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once a poll has seen another execution in the way, nothing that happens later in the wait (a
 * failed poll, an interrupted pause, the check's deadline) may let the run start next to it: the
 * run ends as Skipped, whatever the error policy, and says which execution it saw and why the wait
 * ended.
 */
class WaitAfterAConflictTest {
  private static final Decision OTHER_RUNNING = Decision.skip("Execution other-exec-1 is running.", "other-exec-1");

  private final FakeTime clock = new FakeTime();
  private final Sleeper sleeper = mock(Sleeper.class);
  private final ExecutionBackend backend = mock(ExecutionBackend.class);

  private JobTestKit kit(String onError) {
    when(backend.name()).thenReturn("scripted");
    return JobTestKit.forJob(TestJob.of(Step.named("load", input -> {})))
        .withPlugin(new ExecutionSkipPlugin(clock, sleeper, new SpiedBackends(() -> backend).providers()))
        .withEnvironment("VDK_ATTEMPT_ID", TestJob.ATTEMPT_ID)
        .withEnvironment("VDK_LOG_CONFIG", "CLOUD")
        .withEnvironment("VDK_EXECUTION_SKIP_WAIT_SECONDS", "60")
        .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", onError);
  }

  private static void assertSkippedBecauseOf(JobRunReport report, String whyTheWaitEnded) {
    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(report.stepsRun()).isEmpty();
    assertThat(report.result().message()).contains("other-exec-1", whyTheWaitEnded);
    assertThat(report.logLinesContaining("decision=skip ")).singleElement()
        .satisfies(line -> assertThat(line).contains("conflicting_id=other-exec-1"));
    assertThat(report.logLinesContaining("Proceeding with the execution")).isEmpty();
  }

  @ParameterizedTest(name = "EXECUTION_SKIP_ON_ERROR={0}")
  @ValueSource(strings = {"proceed", "skip", "fail"})
  void aPollThatFailsAfterAnotherExecutionWasSeenEndsTheRunAsSkipped(String onError) throws Exception {
    when(backend.tryAcquire(any()))
        .thenReturn(OTHER_RUNNING)
        .thenReturn(OTHER_RUNNING)
        .thenThrow(new ControlServiceException("The Control Service answered HTTP 500 (internal error)."));

    JobRunReport report = kit(onError).run();

    assertSkippedBecauseOf(report, "HTTP 500 (internal error)");
    verify(backend, times(3)).tryAcquire(any());
  }

  @ParameterizedTest(name = "EXECUTION_SKIP_ON_ERROR={0}")
  @ValueSource(strings = {"proceed", "fail"})
  void aPollThatRunsOutOfItsOwnDeadlineAfterAConflictEndsTheRunAsSkipped(String onError) throws Exception {
    when(backend.tryAcquire(any()))
        .thenReturn(OTHER_RUNNING)
        .thenThrow(new ControlServiceException(
            "The Control Service check did not finish within its deadline of 30000 ms."));

    assertSkippedBecauseOf(kit(onError).run(), "did not finish within its deadline");
  }

  @ParameterizedTest(name = "EXECUTION_SKIP_ON_ERROR={0}")
  @ValueSource(strings = {"proceed", "fail"})
  void aPauseThatIsInterruptedAfterAConflictEndsTheRunAsSkipped(String onError) throws Exception {
    when(backend.tryAcquire(any())).thenReturn(OTHER_RUNNING);
    doNothing().doThrow(new InterruptedException()).when(sleeper).sleep(any(Duration.class));

    assertSkippedBecauseOf(kit(onError).run(), "interrupted");
  }

  /**
   * The check's own deadline (EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS plus the wait, 4 s here) passes
   * while a later poll hangs. The first poll answers at once from a mock, far inside the 4 s;
   * BoundedCheckTest covers the same path with no clock at all.
   */
  @Test
  void theChecksDeadlinePassingWhileAPollHangsAfterAConflictEndsTheRunAsSkipped() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    when(backend.tryAcquire(any()))
        .thenReturn(OTHER_RUNNING)
        .thenAnswer(call -> {
          never.await(60, TimeUnit.SECONDS);
          throw new AssertionError("the hanging poll was never given up on");
        });

    JobRunReport report =
        kit("proceed")
            .withEnvironment("VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", "2")
            .withEnvironment("VDK_EXECUTION_SKIP_WAIT_SECONDS", "2")
            .run();

    assertSkippedBecauseOf(report, "deadline");
  }
}

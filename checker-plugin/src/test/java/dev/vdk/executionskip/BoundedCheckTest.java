package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.Redactor;
import dev.vdk.executionskip.backend.CheckTimeoutException;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedCheckTest {
  private static final ExecutionRequest REQUEST = new ExecutionRequest("team", "job", "exec", "exec-abcde");

  private static ExecutionBackend backend(BackendCall call) {
    return new ExecutionBackend() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Decision tryAcquire(ExecutionRequest request) throws Exception {
        return call.answer();
      }
    };
  }

  interface BackendCall {
    Decision answer() throws Exception;
  }

  // Like a blocking socket read, which an interrupt does not end.
  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // keep waiting
      }
    }
  }

  // Found at the start, not once a check thread is running: that thread would poll on, orphaned.
  @Test
  void aDeadlineThatMillisecondsCannotHoldIsRefusedBeforeAnyCheckStarts() {
    assertThatThrownBy(() -> new BoundedCheck(Duration.ofSeconds(Long.MAX_VALUE / 1000 + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("milliseconds");
    assertThatThrownBy(() -> new BoundedCheck(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void returnsTheBackendsAnswerInTime() throws Exception {
    Decision decision =
        new BoundedCheck(Duration.ofSeconds(30)).decide(backend(() -> Decision.skip("busy", "x")), REQUEST);

    assertThat(decision.conflictingExecutionId()).contains("x");
  }

  @Test
  void passesTheBackendsErrorOn() {
    assertThatThrownBy(
            () -> new BoundedCheck(Duration.ofSeconds(30)).decide(backend(() -> { throw new IOException("down"); }), REQUEST))
        .isInstanceOf(IOException.class)
        .hasMessage("down");
  }

  @Test
  void anInterruptedCallerGivesUpAndALeaseThatArrivesLaterIsReleased() throws Exception {
    CountDownLatch checkStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch leaseClosed = new CountDownLatch(1);
    ExecutionBackend slow =
        backend(
            () -> {
              checkStarted.countDown();
              awaitUninterruptibly(release);
              return Decision.run("acquired late", leaseClosed::countDown);
            });
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                new BoundedCheck(Duration.ofMinutes(5)).decide(slow, REQUEST);
              } catch (Exception e) {
                thrown.set(e);
              }
            });
    caller.start();
    assertThat(checkStarted.await(30, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();
    caller.join(30_000);
    release.countDown();

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(leaseClosed.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void givesUpAtTheDeadlineAndReleasesALeaseThatArrivesLate() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch leaseClosed = new CountDownLatch(1);
    ExecutionBackend slow =
        backend(
            () -> {
              awaitUninterruptibly(release);
              return Decision.run("acquired late", leaseClosed::countDown);
            });

    assertThatThrownBy(() -> new BoundedCheck(Duration.ofMillis(100)).decide(slow, REQUEST))
        .isInstanceOf(CheckTimeoutException.class)
        .hasMessage("The test check did not answer within 100 ms.");

    release.countDown();
    assertThat(leaseClosed.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void theDeadlinePassingWhileWaitingAfterAConflictSkipsNamingItInsteadOfFailing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutionBackend hangs =
        backend(
            () -> {
              awaitUninterruptibly(release);
              return Decision.run("acquired late", () -> {});
            });
    ConflictSeen seen = new ConflictSeen();
    seen.record(Decision.skip("Execution other-1 is running.", "other-1"));
    WaitingBackend waiting = new WaitingBackend(hangs, Duration.ofHours(1), new FakeTime(), new FakeTime(), Redactor.withoutSecrets());

    try {
      Decision decision = new BoundedCheck(Duration.ofMillis(100)).decide(waiting, REQUEST, seen);

      assertThat(decision.verdict()).isEqualTo(dev.vdk.executionskip.backend.Verdict.SKIP);
      assertThat(decision.conflictingExecutionId()).contains("other-1");
      assertThat(decision.reason())
          .isEqualTo("Execution other-1 is running. Waiting for it ended: the check's deadline of 100 ms passed.");
    } finally {
      release.countDown();
    }
  }
}

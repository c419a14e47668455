package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.vdk.api.Redactor;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.backend.Verdict;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The wait policy around a scripted backend, with a clock that moves only when the sleeper sleeps. */
class WaitingBackendTest {
  private static final ExecutionRequest REQUEST = new ExecutionRequest("finance", "orders", "orders-1", "orders-1-abcde");

  private final FakeTime clock = new FakeTime();
  private final Sleeper sleeper = mock(Sleeper.class);
  private final ExecutionBackend backend = mock(ExecutionBackend.class);

  @BeforeEach
  void sleepingMovesTheClock() throws InterruptedException {
    when(backend.name()).thenReturn("postgres");
    doAnswer(call -> {
      clock.advance(call.getArgument(0));
      return null;
    }).when(sleeper).sleep(any(Duration.class));
  }

  private WaitingBackend waiting(Duration maxWait) {
    return new WaitingBackend(backend, maxWait, clock, sleeper, Redactor.withoutSecrets());
  }

  private static Decision running(String id) {
    return Decision.skip("Execution " + id + " holds the lock.", id);
  }

  @Test
  void aFirstPollThatFailsIsAFailedCheckForTheErrorPolicy() throws Exception {
    when(backend.tryAcquire(any())).thenThrow(new IOException("connection refused"));

    assertThatThrownBy(() -> waiting(Duration.ofSeconds(60)).tryAcquire(REQUEST))
        .isInstanceOf(IOException.class)
        .hasMessage("connection refused");
    verifyNoInteractions(sleeper);
  }

  @Test
  void aFailedPollNamesTheExecutionSeenLastAndTheFailure() throws Exception {
    when(backend.tryAcquire(any()))
        .thenReturn(running("exec-a"))
        .thenReturn(running("exec-b"))
        .thenThrow(new IOException("connection refused"));

    Decision decision = waiting(Duration.ofSeconds(60)).tryAcquire(REQUEST);

    assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(decision.conflictingExecutionId()).contains("exec-b");
    assertThat(decision.reason())
        .isEqualTo("Execution exec-b holds the lock. Waiting for it ended: the postgres check failed:"
            + " connection refused.");
  }

  @Test
  void theEndOfTheWaitNamesTheExecutionSeenLast() throws Exception {
    when(backend.tryAcquire(any())).thenReturn(running("exec-a")).thenReturn(running("exec-b"));

    Decision decision = waiting(Duration.ofSeconds(20)).tryAcquire(REQUEST);

    assertThat(decision.conflictingExecutionId()).contains("exec-b");
    assertThat(decision.reason()).endsWith("Waiting for it ended: it was still running after waiting 20 s.");
  }

  @Test
  void thePausesBetweenPollsAreTheRetriesBackoff() throws Exception {
    when(backend.tryAcquire(any())).thenReturn(running("exec-a"));

    waiting(Duration.ofSeconds(40)).tryAcquire(REQUEST);

    // 0.5 s doubling to 8 s, as a failed request's retries pause; the last pause ends the wait.
    ArgumentCaptor<Duration> pauses = ArgumentCaptor.forClass(Duration.class);
    verify(sleeper, atLeastOnce()).sleep(pauses.capture());
    assertThat(pauses.getAllValues().stream().map(Duration::toMillis))
        .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L, 8000L, 500L);
  }

  @Test
  void aPollThatFindsTheWayClearAfterAConflictRuns() throws Exception {
    when(backend.tryAcquire(any()))
        .thenReturn(running("exec-a"))
        .thenReturn(Decision.run("the lock is free", () -> {}));

    assertThat(waiting(Duration.ofSeconds(60)).tryAcquire(REQUEST).runs()).isTrue();
  }
}

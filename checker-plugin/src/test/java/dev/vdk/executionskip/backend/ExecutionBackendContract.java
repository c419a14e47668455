package dev.vdk.executionskip.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What every locking backend promises within one process, whatever holds the lock. A backend's
 * test class implements this and supplies a fresh backend over its own, empty lock space.
 */
public interface ExecutionBackendContract {
  ExecutionRequest FIRST = new ExecutionRequest("team", "job", "exec-1", "exec-1-aaaaa");
  ExecutionRequest SECOND = new ExecutionRequest("team", "job", "exec-2", "exec-2-bbbbb");

  ExecutionBackend backend();

  @Test
  default void theFirstRunsAndTheSecondIsSkippedNamingTheFirst() throws Exception {
    ExecutionBackend backend = backend();
    Decision first = backend.tryAcquire(FIRST);
    try (var lease = first.lease()) {
      Decision second = backend.tryAcquire(SECOND);

      assertThat(first.verdict()).isEqualTo(Verdict.RUN);
      assertThat(second.verdict()).isEqualTo(Verdict.SKIP);
      assertThat(second.lease()).isSameAs(Lease.NONE);
      assertThat(second.conflictingExecutionId()).contains("exec-1");
      assertThat(second.reason()).contains("held", "by attempt exec-1-aaaaa of execution exec-1");
    }
  }

  @Test
  default void afterReleaseTheNextExecutionRuns() throws Exception {
    ExecutionBackend backend = backend();
    backend.tryAcquire(FIRST).lease().close();

    Decision next = backend.tryAcquire(SECOND);
    try (var lease = next.lease()) {
      assertThat(next.verdict()).isEqualTo(Verdict.RUN);
    }
  }

  @Test
  default void closingTheLeaseTwiceIsHarmless() throws Exception {
    ExecutionBackend backend = backend();
    Lease lease = backend.tryAcquire(FIRST).lease();
    lease.close();
    Lease next = backend.tryAcquire(SECOND).lease();

    lease.close();

    assertThat(backend.tryAcquire(FIRST).verdict())
        .as("the second close must not release the next holder's lock")
        .isEqualTo(Verdict.SKIP);
    next.close();
  }

  @Test
  default void otherJobsAreNotInTheWay() throws Exception {
    ExecutionBackend backend = backend();
    try (var lease = backend.tryAcquire(FIRST).lease()) {
      for (ExecutionRequest other : new ExecutionRequest[] {
          new ExecutionRequest("team", "other-job", "e", "e-x"),
          new ExecutionRequest("other-team", "job", "e", "e-x")}) {
        Decision decision = backend.tryAcquire(other);
        try (var otherLease = decision.lease()) {
          assertThat(decision.verdict()).as("%s", other).isEqualTo(Verdict.RUN);
        }
      }
    }
  }
}

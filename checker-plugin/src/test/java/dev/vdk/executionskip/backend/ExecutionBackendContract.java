package dev.vdk.executionskip.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What every backend promises within one process, whatever it counts executions with. A backend's
 * test class implements this and supplies a fresh backend over its own, empty space; a backend
 * that learns of executions from elsewhere (the Control Service lists the executions it created)
 * also says what happens when one {@link #starts} and {@link #ends}.
 *
 * <p>Lock backends promise more: see {@link LockBackendContract}.
 */
public interface ExecutionBackendContract {
  ExecutionRequest FIRST = new ExecutionRequest("team", "job", "exec-1", "exec-1-aaaaa");
  ExecutionRequest SECOND = new ExecutionRequest("team", "job", "exec-2", "exec-2-bbbbb");

  ExecutionBackend backend() throws Exception;

  /** An execution comes to exist, before it checks. A lock backend learns of it only by its check. */
  default void starts(ExecutionRequest execution) {}

  /** An execution that ran ends: it gives back what its decision holds, and is no longer running. */
  default void ends(ExecutionRequest execution, Lease lease) {
    lease.close();
  }

  private Decision startAndCheck(ExecutionBackend backend, ExecutionRequest execution) throws Exception {
    starts(execution);
    return backend.tryAcquire(execution);
  }

  @Test
  default void theFirstRunsAndTheSecondIsSkippedNamingTheFirst() throws Exception {
    ExecutionBackend backend = backend();
    Decision first = startAndCheck(backend, FIRST);
    try {
      Decision second = startAndCheck(backend, SECOND);

      assertThat(first.verdict()).as(first.reason()).isEqualTo(Verdict.RUN);
      assertThat(second.verdict()).as(second.reason()).isEqualTo(Verdict.SKIP);
      assertThat(second.lease()).isSameAs(Lease.NONE);
      assertThat(second.conflictingExecutionId()).contains("exec-1");
      assertThat(second.holders()).first().satisfies(holder -> {
        assertThat(holder.id()).contains("exec-1");
        assertThat(holder.status()).isPresent();
      });
      assertThat(second.reason()).contains("exec-1");
    } finally {
      ends(FIRST, first.lease());
    }
  }

  @Test
  default void aRunNamesNoExecutionInItsWay() throws Exception {
    Decision only = startAndCheck(backend(), FIRST);
    try {
      assertThat(only.verdict()).as(only.reason()).isEqualTo(Verdict.RUN);
      assertThat(only.conflictingExecutionId()).isEmpty();
    } finally {
      ends(FIRST, only.lease());
    }
  }

  @Test
  default void afterTheFirstEndsTheNextExecutionRuns() throws Exception {
    ExecutionBackend backend = backend();
    ends(FIRST, startAndCheck(backend, FIRST).lease());

    Decision next = startAndCheck(backend, SECOND);
    try {
      assertThat(next.verdict()).as(next.reason()).isEqualTo(Verdict.RUN);
    } finally {
      ends(SECOND, next.lease());
    }
  }

  @Test
  default void otherJobsAreNotInTheWay() throws Exception {
    ExecutionBackend backend = backend();
    Decision first = startAndCheck(backend, FIRST);
    try {
      for (ExecutionRequest other : new ExecutionRequest[] {
          new ExecutionRequest("team", "other-job", "e", "e-x"),
          new ExecutionRequest("other-team", "job", "e", "e-x")}) {
        Decision decision = startAndCheck(backend, other);
        ends(other, decision.lease());
        assertThat(decision.verdict()).as("%s: %s", other, decision.reason()).isEqualTo(Verdict.RUN);
      }
    } finally {
      ends(FIRST, first.lease());
    }
  }
}

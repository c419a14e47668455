package dev.vdk.executionskip.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a backend that holds a lock for a running execution promises besides what every backend
 * does: the lock is the execution's until it closes its lease, closing twice never frees someone
 * else's lock, and a skip names the holder by the ids it recorded.
 */
public interface LockBackendContract extends ExecutionBackendContract {

  @Test
  default void aSkipNamesTheHoldersAttemptAndExecution() throws Exception {
    ExecutionBackend backend = backend();
    try (Lease lease = backend.tryAcquire(FIRST).lease()) {
      Decision second = backend.tryAcquire(SECOND);

      assertThat(second.reason()).contains("held", "by attempt exec-1-aaaaa of execution exec-1");
      assertThat(second.holders()).singleElement().satisfies(holder -> {
        assertThat(holder.status()).contains(Holder.RUNNING);
        assertThat(holder.since()).isPresent();
        assertThat(holder.where()).isPresent();
      });
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
}

package dev.vdk.executionskip.postgreslease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.postgres.PostgresConnector;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * More starts at once than the server has free connections: the ones turned away with {@code too
 * many clients} (SQLSTATE 53300) try again with a backoff, and all are answered within the check's
 * deadline.
 */
class ConnectionBurstTest {
  /** With 3 slots reserved for superusers, 5 for the jobs' role. */
  @RegisterExtension static final TestPostgres postgres = new TestPostgres(Map.of("max_connections", "8"));

  private static final int STARTS = 12;
  private static final Duration TTL = Duration.ofSeconds(30);

  private final List<Connection> hogs = new ArrayList<>();
  private final AtomicInteger pauses = new AtomicInteger();
  private final Sleeper countingSleeper = duration -> {
    pauses.incrementAndGet();
    Sleeper.SYSTEM.sleep(duration);
  };

  @AfterEach
  void freeTheSlots() throws SQLException {
    for (Connection hog : hogs) {
      hog.close();
    }
  }

  /** Takes all but {@code free} of the jobs' role's connection slots. */
  private void leaveFree(int free) throws SQLException {
    PostgresConnector connector = PostgresConnector.direct(postgres.settings());
    for (int i = 0; i < 5 - free; i++) {
      hogs.add(connector.connect());
    }
  }

  @Test
  void aBurstLargerThanTheFreeConnectionsIsAbsorbedByRetrying() throws Exception {
    leaveFree(1);
    PostgresLeaseBackend backend = TestLeases.backend(
        PostgresConnector.direct(postgres.settings()), TestLeases.freshTable(), TTL, TestLeases.DEADLINE,
        countingSleeper);
    backend.tryAcquire(new ExecutionRequest("team", "warm-up", "w", "w-a")).lease().close();
    CyclicBarrier together = new CyclicBarrier(STARTS);
    ExecutorService threads = Executors.newFixedThreadPool(STARTS);
    List<Decision> decisions = new ArrayList<>();
    try {
      List<Future<Decision>> starts = new ArrayList<>();
      for (int i = 0; i < STARTS; i++) {
        ExecutionRequest request = new ExecutionRequest("team", "job-" + i, "e-" + i, "e-" + i + "-a");
        starts.add(threads.submit(() -> {
          together.await(1, TimeUnit.MINUTES);
          return backend.tryAcquire(request);
        }));
      }
      for (Future<Decision> start : starts) {
        decisions.add(start.get(2, TimeUnit.MINUTES));
      }
    } finally {
      threads.shutdownNow();
      decisions.forEach(decision -> decision.lease().close());
    }

    assertThat(decisions).extracting(Decision::verdict).hasSize(STARTS).containsOnly(Verdict.RUN);
    assertThat(pauses).as("connections turned away and tried again").hasPositiveValue();
  }

  @Test
  void aServerWithNoFreeConnectionUntilTheDeadlineFailsTheCheckSayingSo() throws Exception {
    leaveFree(0);
    PostgresLeaseBackend backend = TestLeases.backend(
        PostgresConnector.direct(postgres.settings()), TestLeases.freshTable(), TTL, Duration.ofMillis(500),
        countingSleeper);

    Throwable failed = catchThrowable(() -> backend.tryAcquire(new ExecutionRequest("team", "job", "e", "e-a")));

    assertThat(failed)
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("The PostgreSQL server took no connection before the deadline: ")
        .hasMessageContaining(" ms, the last refused with SQLSTATE 53300: FATAL: ");
    assertThat(((SQLException) failed).getSQLState()).isEqualTo("53300");
    assertThat(pauses).hasPositiveValue();
  }
}

package dev.vdk.executionskip.postgreslease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server whose default isolation is repeatable read: starts that contend for a released lease
 * still get exactly one holder and no errors, which the error policy could turn into unguarded runs.
 */
class LeaseUnderRepeatableReadTest {
  private static final int STARTS = 8;
  private static final int ROUNDS = 3;

  @RegisterExtension
  static final TestPostgres POSTGRES =
      new TestPostgres(Map.of("default_transaction_isolation", "'repeatable read'"));

  @Test
  void startsQueuedOnAReleasedLeaseGetOneHolderAndNoErrors() throws Exception {
    String table = TestLeases.freshTable();
    PostgresLeaseBackend backend = TestLeases.backend(POSTGRES, table, Duration.ofSeconds(30));
    backend.tryAcquire(new ExecutionRequest("team", "job", "first", "first-attempt")).lease().close();
    ExecutorService pool = Executors.newFixedThreadPool(STARTS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        List<Future<Decision>> starts = new ArrayList<>();
        try (Connection admin = POSTGRES.superuser(); Statement statement = admin.createStatement();
            Connection observer = POSTGRES.superuser(); Statement watching = observer.createStatement()) {
          // Another transaction holds the row while the starts queue on it, and commits once they
          // all wait: each start's snapshot predates that change, which repeatable read refuses.
          admin.setAutoCommit(false);
          statement.executeUpdate("UPDATE " + table + " SET acquired_at = acquired_at");
          for (int i = 0; i < STARTS; i++) {
            ExecutionRequest request = new ExecutionRequest("team", "job", "e" + round + "-" + i, "a" + i);
            starts.add(pool.submit(() -> backend.tryAcquire(request)));
          }
          awaitWaitingOnLocks(watching, STARTS);
          admin.commit();
        }
        List<Decision> holders = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (Future<Decision> start : starts) {
          try {
            Decision decision = start.get(60, TimeUnit.SECONDS);
            if (decision.runs()) {
              holders.add(decision);
            }
          } catch (ExecutionException e) {
            errors.add(e.getCause());
          }
        }
        for (Decision holder : holders) {
          holder.lease().close();
        }
        assertThat(errors).as("round %d", round).isEmpty();
        assertThat(holders).as("round %d", round).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Polls the server until {@code count} sessions wait for a lock; bounded by a minute. Each poll
   * is a transaction of its own, as the server shows one transaction a fixed view of its sessions.
   */
  private static void awaitWaitingOnLocks(Statement statement, int count) throws Exception {
    long giveUpAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try (ResultSet result = statement.executeQuery(
          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
        result.next();
        if (result.getInt(1) >= count) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("sessions waiting on the row").isLessThan(giveUpAt);
      Thread.onSpinWait();
    }
  }
}

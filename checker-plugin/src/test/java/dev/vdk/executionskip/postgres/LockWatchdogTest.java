package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.ExecutionBackendContract;
import dev.vdk.executionskip.backend.Lease;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A held advisory lock whose session ends is noticed while the run goes on, not at release. */
class LockWatchdogTest {
  private static final Duration INTERVAL = Duration.ofMillis(50);
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final AdvisoryLockKey KEY = AdvisoryLockKey.of("team", "job");

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  /** What the lease's watch reported, and a latch that opens at the first report. */
  private final List<String> reports = new CopyOnWriteArrayList<>();
  private final CountDownLatch lost = new CountDownLatch(1);
  /** The holder's connection, and a latch that opens once the watchdog has begun its third check. */
  private final List<Connection> opened = new CopyOnWriteArrayList<>();
  private final CountDownLatch thirdCheck = new CountDownLatch(3);

  private void report(String what) {
    reports.add(what);
    lost.countDown();
  }

  private PostgresAdvisoryLockBackend backend() {
    PostgresConnector direct = PostgresConnector.direct(postgres.settings());
    return new PostgresAdvisoryLockBackend(() -> countingChecks(direct.connect()), INTERVAL);
  }

  private Connection countingChecks(Connection connection) {
    opened.add(connection);
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
          if (method.getName().equals("prepareStatement")
              && ((String) arguments[0]).contains("pg_backend_pid()")) {
            thirdCheck.countDown();
          }
          try {
            return method.invoke(connection, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static List<Thread> watchdogThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(LockWatchdog.THREAD_NAME))
        .filter(Thread::isAlive)
        .toList();
  }

  @Test
  void aHolderWhoseSessionIsEndedIsToldWithinSecondsAndNobodyTakesTheLockBackSilently()
      throws Exception {
    try (Lease lease = backend().tryAcquire(ExecutionBackendContract.FIRST).lease()) {
      lease.watch(this::report);

      postgres.terminateHolderOf(KEY);

      assertThat(lost.await(BOUND.toSeconds(), TimeUnit.SECONDS)).as("loss reported").isTrue();
      assertThat(reports).singleElement().asString()
          .contains("The connection that held PostgreSQL advisory lock " + KEY.value()
              + " for execution exec-1 (attempt exec-1-aaaaa) is closed", "SQLSTATE 57P01")
          .doesNotContain("\n");
      // The lock is free: the watchdog told the run and took nothing back.
      postgres.awaitFree(KEY, BOUND);
      lease.close();
      assertThat(watchdogThreads()).as("watchdog threads after release").isEmpty();
      assertThat(reports).hasSize(1);
    }
  }

  // A silent network partition or a frozen server: no answer, no FIN. The driver's socket
  // timeout here is five minutes, so only the watchdog's own bound on an answer can end the check.
  @Test
  void aServerThatStopsAnsweringIsReportedWithinTheWatchdogsBoundNotTheSocketTimeout() throws Exception {
    PostgresConnectionSettings patient = new PostgresConnectionSettings(
        postgres.jdbcUrl(), TestPostgres.USER, TestPostgres.PASSWORD, Duration.ofSeconds(10), Duration.ofMinutes(5));
    PostgresAdvisoryLockBackend backend = new PostgresAdvisoryLockBackend(PostgresConnector.direct(patient), INTERVAL);
    try (Lease lease = backend.tryAcquire(ExecutionBackendContract.FIRST).lease()) {
      try (AutoCloseable frozen = postgres.freezeHolderOf(KEY)) {
        lease.watch(this::report);

        assertThat(lost.await(BOUND.toSeconds(), TimeUnit.SECONDS)).as("loss reported").isTrue();
      }
      assertThat(reports).singleElement().asString()
          .contains("PostgreSQL server did not answer", "within " + LockWatchdog.answerBound(INTERVAL).toMillis() + " ms",
              "advisory lock " + KEY.value(), "execution exec-1 (attempt exec-1-aaaaa)")
          .doesNotContain("\n");
    }
    assertThat(watchdogThreads()).isEmpty();
  }

  @Test
  void aSessionThatLivesOnButNoLongerHoldsTheLockIsReportedToo() throws Exception {
    // What a pooler in transaction mode does: the connection works, the server session changed.
    try (Lease lease = backend().tryAcquire(ExecutionBackendContract.FIRST).lease()) {
      lease.watch(this::report);
      try (Statement statement = opened.get(0).createStatement()) {
        statement.execute("SELECT pg_advisory_unlock_all()");
      }

      assertThat(lost.await(BOUND.toSeconds(), TimeUnit.SECONDS)).as("loss reported").isTrue();
      assertThat(reports).singleElement().asString()
          .contains("The PostgreSQL session of execution exec-1 (attempt exec-1-aaaaa) no longer"
              + " holds advisory lock " + KEY.value(), "pooler");
      lease.close();
      assertThat(watchdogThreads()).isEmpty();
    }
  }

  @Test
  void aLockThatStaysHeldIsNeverReportedAndReleaseStopsTheWatchdog() throws Exception {
    try (Lease lease = backend().tryAcquire(ExecutionBackendContract.FIRST).lease()) {
      lease.watch(this::report);

      // A third check starts only when the first two found the lock held.
      assertThat(thirdCheck.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(watchdogThreads()).hasSize(1).allMatch(Thread::isDaemon);
      lease.close();

      assertThat(watchdogThreads()).as("watchdog threads after release").isEmpty();
      assertThat(reports).as("a release is no loss").isEmpty();
      assertThat(opened.get(0).isClosed()).isTrue();
    }
  }

  @Test
  void releasingAWatchedLeaseRightAwayNeverReportsALoss() throws Exception {
    PostgresAdvisoryLockBackend backend = backend();
    for (int round = 0; round < 20; round++) {
      Lease lease = backend.tryAcquire(ExecutionBackendContract.FIRST).lease();
      lease.watch(this::report);
      lease.close();
    }

    assertThat(reports).isEmpty();
    assertThat(watchdogThreads()).isEmpty();
  }

  @Test
  void aLeaseClosedBeforeItIsWatchedStartsNoThread() throws SQLException {
    Lease lease = backend().tryAcquire(ExecutionBackendContract.FIRST).lease();
    lease.close();
    lease.watch(this::report);

    assertThat(watchdogThreads()).isEmpty();
    assertThat(reports).isEmpty();
  }
}

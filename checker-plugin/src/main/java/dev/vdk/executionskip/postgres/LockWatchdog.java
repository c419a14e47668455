package dev.vdk.executionskip.postgres;

import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.LeaseLossListener;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the server at a fixed interval, on the lock's own connection, whether this session still
 * holds the advisory lock, and tells the listener once when it does not: when the session has
 * ended (killed, server restarted, connection broken), when the check fails or gets no answer
 * within the connection's statement timeout, or when the session answers but no longer holds the
 * lock (a pooler in transaction mode would do that). Asking {@code pg_locks} for this very
 * session, rather than sending {@code SELECT 1}, is what catches the pooler.
 *
 * <p>One daemon thread per watched lease, from {@code watch} until release. The watchdog only
 * reads: it never takes the lock again, since a lock taken back after a loss would hide that
 * another execution may have run meanwhile.
 */
final class LockWatchdog {
  static final String THREAD_NAME = "vdk-execution-skip-lock-watchdog";

  private static final System.Logger LOG = System.getLogger(LockWatchdog.class.getName());
  private static final String STILL_HELD =
      "SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE " + AdvisoryLockKey.PG_LOCKS_MATCH
          + " AND l.pid = pg_backend_pid())";
  /** Once release has closed the connection, a check still running ends at once; this is ample. */
  private static final Duration THREAD_END_BOUND = Duration.ofSeconds(10);

  private final ExecutionRequest request;
  private final AdvisoryLockKey key;
  private final Connection connection;
  private final LeaseLossListener listener;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ScheduledExecutorService executor;

  private LockWatchdog(
      ExecutionRequest request, AdvisoryLockKey key, Connection connection, LeaseLossListener listener) {
    this.request = request;
    this.key = key;
    this.connection = connection;
    this.listener = listener;
    this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, THREAD_NAME);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts checking every {@code interval}, the first check one interval from now. */
  static LockWatchdog start(ExecutionRequest request, AdvisoryLockKey key, Connection connection,
      Duration interval, LeaseLossListener listener) {
    LockWatchdog watchdog = new LockWatchdog(request, key, connection, listener);
    watchdog.executor.scheduleWithFixedDelay(
        watchdog::check, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    return watchdog;
  }

  /**
   * Stops checking at once, without waiting: from now on no loss is reported, so that the release
   * that follows (which unlocks and closes the connection) never reads as one.
   */
  void stop() {
    stopped.set(true);
    // Not shutdownNow: interrupting a check inside the driver gains nothing, and a check that is
    // running ends as soon as release closes the connection.
    executor.shutdown();
  }

  /** Waits, boundedly, for the thread to end; called once release has closed the connection. */
  void awaitEnd() {
    try {
      if (!executor.awaitTermination(THREAD_END_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING,
            "The lock watchdog of attempt {0} of job {1} of team {2} did not end within {3} s of "
                + "the release; it is a daemon thread and checks nothing more.",
            request.attemptId(), request.jobName(), request.team(), THREAD_END_BOUND.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void check() {
    Optional<String> loss = loss();
    if (loss.isEmpty() || stopped.get()) {
      return;
    }
    // One report: no check after a loss, and the lock is never taken back.
    executor.shutdown();
    try {
      listener.leaseLost(loss.get());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR,
          "The lock watchdog of attempt {0} of job {1} of team {2} could not report a lost lock.",
          request.attemptId(), request.jobName(), request.team(), e);
    }
  }

  private Optional<String> loss() {
    try (PreparedStatement statement = connection.prepareStatement(STILL_HELD)) {
      statement.setLong(1, key.classId());
      statement.setLong(2, key.objId());
      try (ResultSet result = statement.executeQuery()) {
        if (result.next() && result.getBoolean(1)) {
          return Optional.empty();
        }
        return Optional.of("The PostgreSQL session of " + holder() + " no longer holds advisory lock "
            + key.value() + ", though its connection still answers; a pooler in transaction mode"
            + " between the job and the server would explain it.");
      }
    } catch (SQLException | RuntimeException e) {
      String cause = "(SQLSTATE " + sqlState(e) + ": " + firstLine(e.getMessage()) + ")";
      if (isClosed()) {
        return Optional.of("The connection that held PostgreSQL advisory lock " + key.value() + " for "
            + holder() + " is closed, and the server frees a session's locks when the session ends "
            + cause + ".");
      }
      return Optional.of("The check that the PostgreSQL session of " + holder()
          + " still holds advisory lock " + key.value() + " failed " + cause
          + ", so the run can no longer count on the lock.");
    }
  }

  private String holder() {
    return "execution " + request.executionId() + " (attempt " + request.attemptId() + ")";
  }

  private boolean isClosed() {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static String sqlState(Exception e) {
    return e instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "none";
  }

  /**
   * The driver adds the server's DETAIL, HINT and source location on further lines. Whatever else
   * the line holds is shown by the listener, which redacts and escapes what it is told.
   */
  private static String firstLine(String text) {
    String first = text == null ? "" : text.lines().findFirst().orElse("").strip();
    return first.isEmpty() ? "no message" : first;
  }
}

package dev.vdk.executionskip.postgres;

import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.LeaseLossListener;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
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
 * within its {@link #answerBound answer bound}, or when the session answers but no longer holds the
 * lock (a pooler in transaction mode would do that). Asking {@code pg_locks} for this very
 * session, rather than sending {@code SELECT 1}, is what catches the pooler.
 *
 * <p>The answer bound is the driver's network timeout, set on the held connection when watching
 * starts (no server {@code statement_timeout} is involved): without it a server that stops
 * answering (a silent network partition, a frozen server) would hold a check for the driver's
 * whole socket timeout. When it passes, the driver closes the connection. That gives the lock up
 * on our side, which is right: a lock that cannot be confirmed is reported lost, and the server
 * frees it once it notices the session has ended.
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
  /** Below this, a busy host's ordinary delays would read as a lost lock. */
  static final Duration SHORTEST_ANSWER_BOUND = Duration.ofSeconds(1);
  /** Once release has closed the connection, a check still running ends at once; this is ample. */
  private static final Duration THREAD_END_BOUND = Duration.ofSeconds(10);

  private final ExecutionRequest request;
  private final AdvisoryLockKey key;
  private final Connection connection;
  private final Duration answerBound;
  private final LeaseLossListener listener;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ScheduledExecutorService executor;

  private LockWatchdog(ExecutionRequest request, AdvisoryLockKey key, Connection connection,
      Duration answerBound, LeaseLossListener listener) {
    this.request = request;
    this.key = key;
    this.connection = connection;
    this.answerBound = answerBound;
    this.listener = listener;
    this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, THREAD_NAME);
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * How long one check waits for the server's answer: twice the interval, and at least {@link
   * #SHORTEST_ANSWER_BOUND}.
   */
  static Duration answerBound(Duration interval) {
    Duration twice = interval.multipliedBy(2);
    return twice.compareTo(SHORTEST_ANSWER_BOUND) < 0 ? SHORTEST_ANSWER_BOUND : twice;
  }

  /** Starts checking every {@code interval}, the first check one interval from now. */
  static LockWatchdog start(ExecutionRequest request, AdvisoryLockKey key, Connection connection,
      Duration interval, LeaseLossListener listener) {
    LockWatchdog watchdog = new LockWatchdog(request, key, connection, answerBound(interval), listener);
    watchdog.boundAnswers();
    watchdog.executor.scheduleWithFixedDelay(
        watchdog::check, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    return watchdog;
  }

  private void boundAnswers() {
    try {
      connection.setNetworkTimeout(executor, Math.toIntExact(answerBound.toMillis()));
    } catch (SQLException | ArithmeticException e) {
      // A broken connection fails the first check anyway; a working one is still watched.
      LOG.log(Level.WARNING,
          "The lock watchdog of attempt {0} of job {1} of team {2} could not bound its checks to"
              + " {3} ms ({4}); a server that stops answering is noticed only after the driver''s"
              + " socket timeout.",
          request.attemptId(), request.jobName(), request.team(), Long.toString(answerBound.toMillis()),
          SqlFailures.describe(e));
    }
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
      String cause = "(" + SqlFailures.describe(e) + ")";
      if (timedOut(e)) {
        return Optional.of("The PostgreSQL server did not answer, within " + answerBound.toMillis()
            + " ms, the check that the session of " + holder() + " still holds advisory lock "
            + key.value() + " " + cause + ", so the run can no longer count on the lock; the"
            + " connection is closed, and the server frees the lock once it notices the session"
            + " has ended.");
      }
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

  private static boolean timedOut(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
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
}

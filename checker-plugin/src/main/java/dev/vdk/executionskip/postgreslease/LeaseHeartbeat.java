package dev.vdk.executionskip.postgreslease;

import dev.vdk.api.OneLine;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.LeaseLossListener;
import dev.vdk.executionskip.postgres.SqlFailures;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Renews a held lease every third of its time to live, each renewal on a connection of its own,
 * and says once, at once, when the lease is lost: when a renewal finds it taken by another
 * execution or expired, or when renewals kept failing until the time the lease was last extended
 * to has passed. It never takes the lease again.
 *
 * <p>When the lease runs out is tracked on this machine's monotonic clock, from the moment each
 * successful renewal was sent: the server extended the lease from a moment no earlier than that,
 * so the lease cannot end on the server before it ends here. A separate alarm watches that moment,
 * so that a renewal stuck on a dead connection cannot delay the news.
 *
 * <p>Two daemon threads (renewals and alarm) from acquisition until release.
 */
final class LeaseHeartbeat {
  static final String THREAD_NAME = "vdk-execution-skip-lease-heartbeat";

  private static final System.Logger LOG = System.getLogger(LeaseHeartbeat.class.getName());
  /** Once release is done, a renewal still running ends within its statement timeout; this is ample. */
  private static final Duration THREAD_END_BOUND = Duration.ofSeconds(35);

  private final ExecutionRequest request;
  private final LeaseTable table;
  private final LeaseConnections connections;
  private final Duration ttl;
  private final long token;
  private final ScheduledThreadPoolExecutor executor;

  // Guarded by this.
  private long validUntilNanos;
  private boolean stopped;
  private String loss;
  private LeaseLossListener listener;
  private String lastFailure;

  private LeaseHeartbeat(
      ExecutionRequest request, LeaseTable table, LeaseConnections connections, Duration ttl, long token,
      long validUntilNanos) {
    this.request = request;
    this.table = table;
    this.connections = connections;
    this.ttl = ttl;
    this.token = token;
    this.validUntilNanos = validUntilNanos;
    this.executor = new ScheduledThreadPoolExecutor(2, task -> {
      Thread thread = new Thread(task, THREAD_NAME);
      thread.setDaemon(true);
      return thread;
    });
    // Release must not wait for renewals that are no longer wanted.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  /**
   * Starts renewing a lease taken with {@code token}, whose acquiring statement was sent at {@code
   * sentAtNanos} ({@link System#nanoTime()}).
   */
  static LeaseHeartbeat start(
      ExecutionRequest request, LeaseTable table, LeaseConnections connections, Duration ttl, long token,
      long sentAtNanos) {
    LeaseHeartbeat heartbeat =
        new LeaseHeartbeat(request, table, connections, ttl, token, sentAtNanos + ttl.toNanos());
    long interval = renewInterval(ttl).toNanos();
    heartbeat.executor.scheduleWithFixedDelay(heartbeat::renew, interval, interval, TimeUnit.NANOSECONDS);
    heartbeat.executor.schedule(heartbeat::alarm, ttl.toNanos(), TimeUnit.NANOSECONDS);
    return heartbeat;
  }

  static Duration renewInterval(Duration ttl) {
    return ttl.dividedBy(3);
  }

  /** From now on a loss goes to {@code watcher}; one found already goes there at once. */
  void reportTo(LeaseLossListener watcher) {
    String found;
    synchronized (this) {
      if (stopped || listener != null) {
        return;
      }
      listener = watcher;
      found = loss;
    }
    if (found != null) {
      tell(watcher, found);
    }
  }

  /** Stops renewing, without waiting; from now on no loss is reported. */
  void stop() {
    synchronized (this) {
      stopped = true;
    }
    executor.shutdown();
  }

  /** Waits, boundedly, for the threads to end; called once release is done. */
  void awaitEnd() {
    try {
      if (!executor.awaitTermination(THREAD_END_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING,
            "The lease heartbeat of attempt {0} of job {1} of team {2} did not end within {3} s of "
                + "the release; it is a daemon thread and renews nothing more.",
            request.attemptId(), request.jobName(), request.team(), THREAD_END_BOUND.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void renew() {
    long sentAt;
    Optional<String> lost;
    synchronized (this) {
      if (stopped || loss != null) {
        return;
      }
    }
    try (Connection connection = connections.open(connections.deadlineAfter(renewInterval(ttl)))) {
      sentAt = System.nanoTime();
      if (table.renew(connection, request, token, ttl)) {
        synchronized (this) {
          validUntilNanos = Math.max(validUntilNanos, sentAt + ttl.toNanos());
          lastFailure = null;
        }
        return;
      }
      lost = Optional.of(whyNotRenewed(connection));
    } catch (SQLException | RuntimeException e) {
      String failure = e instanceof SQLException sql ? SqlFailures.describe(sql) : String.valueOf(e);
      synchronized (this) {
        lastFailure = failure;
      }
      LOG.log(Level.WARNING,
          "Attempt {0} of job {1} of team {2} could not renew its PostgreSQL lease (fencing token {3}); "
              + "it tries again in {4} ms, before the lease runs out ({5}).",
          request.attemptId(), request.jobName(), request.team(), Long.toString(token),
          renewInterval(ttl).toMillis(), OneLine.escape(failure));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    lose(lost.get());
  }

  private void alarm() {
    long left;
    String failure;
    synchronized (this) {
      if (stopped || loss != null) {
        return;
      }
      left = validUntilNanos - System.nanoTime();
      failure = lastFailure;
    }
    if (left > 0) {
      try {
        executor.schedule(this::alarm, left, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // Released or lost meanwhile: nothing is left to watch.
      }
      return;
    }
    String lease = "The PostgreSQL lease of job " + request.jobName() + " of team " + request.team()
        + " (fencing token " + token + ") ran out: ";
    lose(failure == null
        ? lease + "no renewal ran within its " + ttl.toMillis() + " ms, as when the process is paused (a long"
            + " garbage collection, a frozen machine)."
        : lease + "no renewal reached the server within its " + ttl.toMillis() + " ms (last failure: "
            + failure + ").");
  }

  /** Best effort: the renewal found the lease gone; the row says whether taken or expired. */
  private String whyNotRenewed(Connection connection) {
    String lease = "The PostgreSQL lease of job " + request.jobName() + " of team " + request.team()
        + " (fencing token " + token + ")";
    try {
      Optional<LeaseRow> row = table.lookUp(connection, request);
      if (row.isPresent() && row.get().fencingToken() != token) {
        return lease + " was taken by " + row.get().describe() + ": it had run out before a renewal"
            + " reached the server.";
      }
      if (row.isPresent()) {
        Instant expired = row.get().expiresAt();
        return lease + " expired at " + expired + " (database time) before a renewal reached the server.";
      }
      return lease + " is no longer in table " + table.name() + ".";
    } catch (SQLException | RuntimeException e) {
      return lease + " was taken or had expired when it was renewed.";
    }
  }

  private void lose(String what) {
    LeaseLossListener watcher;
    synchronized (this) {
      if (stopped || loss != null) {
        return;
      }
      loss = what;
      watcher = listener;
    }
    // One report, and the lease is never taken back.
    executor.shutdown();
    if (watcher != null) {
      tell(watcher, what);
    }
  }

  private void tell(LeaseLossListener watcher, String what) {
    try {
      watcher.leaseLost(what);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR,
          "The lease heartbeat of attempt {0} of job {1} of team {2} could not report a lost lease.",
          request.attemptId(), request.jobName(), request.team(), e);
    }
  }
}

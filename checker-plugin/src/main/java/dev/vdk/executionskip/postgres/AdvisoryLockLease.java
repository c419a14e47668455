package dev.vdk.executionskip.postgres;

import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.LeaseLossListener;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A held advisory lock: closing it unlocks and closes the dedicated connection. Closing the
 * connection alone would free the lock too (the server frees a session's locks when it ends); the
 * explicit unlock says whether the lock was still ours, which is worth a warning if not. Once
 * watched, a {@link LockWatchdog} checks the lock until release.
 */
final class AdvisoryLockLease implements Lease {
  private static final System.Logger LOG = System.getLogger(AdvisoryLockLease.class.getName());

  private final ExecutionRequest request;
  private final AdvisoryLockKey key;
  private final Connection connection;
  private final Duration watchInterval;
  private final OptionalLong fencingToken;
  /** Guards closed and watchdog, so that a watch never starts on a lease being released. */
  private final Object lifecycle = new Object();
  private boolean closed;
  private LockWatchdog watchdog;

  AdvisoryLockLease(
      ExecutionRequest request, AdvisoryLockKey key, Connection connection, Duration watchInterval,
      OptionalLong fencingToken) {
    this.request = request;
    this.key = key;
    this.connection = connection;
    this.watchInterval = watchInterval;
    this.fencingToken = fencingToken;
  }

  @Override
  public OptionalLong fencingToken() {
    return fencingToken;
  }

  @Override
  public void watch(LeaseLossListener listener) {
    synchronized (lifecycle) {
      if (!closed && watchdog == null) {
        watchdog = LockWatchdog.start(request, key, connection, watchInterval, listener);
      }
    }
  }

  @Override
  public void close() {
    LockWatchdog watching;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      watching = watchdog;
    }
    if (watching != null) {
      watching.stop();
    }
    unlockAndDisconnect();
    if (watching != null) {
      watching.awaitEnd();
    }
  }

  private void unlockAndDisconnect() {
    try (connection;
        PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      statement.setLong(1, key.value());
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        if (!result.getBoolean(1)) {
          LOG.log(Level.WARNING,
              "Execution {0} (attempt {1}) of job {2} of team {3} no longer held PostgreSQL "
                  + "advisory lock {4} when it ended; another execution may have run meanwhile.",
              request.executionId(), request.attemptId(), request.jobName(), request.team(),
              Long.toString(key.value()));
        }
      }
    } catch (SQLException e) {
      // The session is gone or going; either way the server frees its locks.
      LOG.log(Level.WARNING,
          "Execution {0} (attempt {1}) of job {2} of team {3} could not unlock PostgreSQL advisory "
              + "lock {4}; its connection is closed, and with it the lock.",
          request.executionId(), request.attemptId(), request.jobName(), request.team(),
          Long.toString(key.value()), e);
    }
  }
}

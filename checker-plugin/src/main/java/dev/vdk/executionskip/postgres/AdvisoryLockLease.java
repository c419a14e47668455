package dev.vdk.executionskip.postgres;

import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A held advisory lock: closing it unlocks and closes the dedicated connection. Closing the
 * connection alone would free the lock too (the server frees a session's locks when it ends); the
 * explicit unlock says whether the lock was still ours, which is worth a warning if not.
 */
final class AdvisoryLockLease implements Lease {
  private static final System.Logger LOG = System.getLogger(AdvisoryLockLease.class.getName());

  private final ExecutionRequest request;
  private final AdvisoryLockKey key;
  private final Connection connection;
  private final AtomicBoolean closed = new AtomicBoolean();

  AdvisoryLockLease(ExecutionRequest request, AdvisoryLockKey key, Connection connection) {
    this.request = request;
    this.key = key;
    this.connection = connection;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
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

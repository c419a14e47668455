package dev.vdk.executionskip.postgreslease;

import dev.vdk.api.OneLine;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.LeaseLossListener;
import dev.vdk.executionskip.postgres.SqlFailures;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A lease this execution holds in the lease table: renewed by its {@link LeaseHeartbeat} from the
 * moment it is taken, ended by {@link #close()}, which stops the renewals and sets the row's
 * expiry to now, if the row is still this holding's. Should the release fail, the lease simply
 * runs out within its time to live.
 */
final class HeldLease implements Lease {
  private static final System.Logger LOG = System.getLogger(HeldLease.class.getName());

  private final ExecutionRequest request;
  private final LeaseTable table;
  private final LeaseConnections connections;
  private final Duration ttl;
  private final long token;
  private final LeaseHeartbeat heartbeat;
  private final Object lifecycle = new Object();
  private boolean closed;

  HeldLease(
      ExecutionRequest request, LeaseTable table, LeaseConnections connections, Duration ttl, long token,
      long sentAtNanos) {
    this.request = request;
    this.table = table;
    this.connections = connections;
    this.ttl = ttl;
    this.token = token;
    this.heartbeat = LeaseHeartbeat.start(request, table, connections, ttl, token, sentAtNanos);
  }

  @Override
  public OptionalLong fencingToken() {
    return OptionalLong.of(token);
  }

  @Override
  public void watch(LeaseLossListener listener) {
    heartbeat.reportTo(listener);
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    heartbeat.stop();
    release();
    heartbeat.awaitEnd();
  }

  private void release() {
    try (Connection connection = connections.open(connections.deadlineAfter(LeaseHeartbeat.renewInterval(ttl)))) {
      if (!table.release(connection, request, token)) {
        LOG.log(Level.WARNING,
            "Execution {0} (attempt {1}) of job {2} of team {3} no longer held its PostgreSQL lease "
                + "(fencing token {4}) when it ended; another execution may have run meanwhile.",
            request.executionId(), request.attemptId(), request.jobName(), request.team(), Long.toString(token));
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING,
          "Execution {0} (attempt {1}) of job {2} of team {3} could not release its PostgreSQL lease "
              + "(fencing token {4}): {5}. It runs out by itself within {6} s.",
          request.executionId(), request.attemptId(), request.jobName(), request.team(), Long.toString(token),
          OneLine.escape(e instanceof SQLException sql ? SqlFailures.describe(sql) : String.valueOf(e)), ttl.toSeconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.log(Level.WARNING,
          "Execution {0} (attempt {1}) of job {2} of team {3} was interrupted while releasing its "
              + "PostgreSQL lease (fencing token {4}); it runs out by itself within {5} s.",
          request.executionId(), request.attemptId(), request.jobName(), request.team(), Long.toString(token),
          ttl.toSeconds());
    }
  }
}

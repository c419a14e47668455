package dev.vdk.executionskip.postgreslease;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Holder;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.postgres.PostgresConnectionSettings;
import dev.vdk.executionskip.postgres.SqlFailures;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code postgres-lease} backend: a lease per team and job in a PostgreSQL table, taken for a
 * time to live and renewed every third of it while the job runs (see {@link LeaseTable} for the
 * statements, {@link LeaseHeartbeat} for the renewals).
 *
 * <p>Unlike the {@code postgres} backend it holds no connection while the job runs: each
 * statement opens one, runs, and closes it. A fleet of running jobs therefore uses server
 * connections only for the few milliseconds of each statement, and the backend works through a
 * pooler in transaction mode. The price: a holder that dies keeps its job for up to the time to
 * live, where an advisory lock is freed the moment its session ends.
 *
 * <p>Each acquisition gets a fencing token, one more than the job's previous one; the row is never
 * deleted, so a token is never handed out twice. The table is created when missing; when this role
 * may not create it, the error says what to run.
 */
public final class PostgresLeaseBackend implements ExecutionBackend {
  private static final System.Logger LOG = System.getLogger(PostgresLeaseBackend.class.getName());
  /** PostgreSQL's SQLSTATE for a table that does not exist. */
  private static final String UNDEFINED_TABLE = "42P01";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private final LeaseConnections connections;
  private final LeaseTable table;
  private final Duration ttl;
  private final Duration checkDeadline;

  /**
   * A backend that connects with the bundled driver, real clock and pauses.
   *
   * @param table the lease table's name, optionally schema-qualified
   * @param checkDeadline how long a start may retry a server that has no free connection
   * @throws IllegalArgumentException when the table name is not a plain SQL name
   */
  public PostgresLeaseBackend(
      PostgresConnectionSettings settings, String table, Duration ttl, Duration checkDeadline) {
    this(LeaseConnections.direct(settings, ttl, Clock.systemUTC(), Sleeper.SYSTEM), LeaseTable.named(table), ttl,
        checkDeadline);
  }

  PostgresLeaseBackend(LeaseConnections connections, LeaseTable table, Duration ttl, Duration checkDeadline) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.table = Objects.requireNonNull(table, "table");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.checkDeadline = Objects.requireNonNull(checkDeadline, "checkDeadline");
  }

  @Override
  public String name() {
    return PostgresLeaseProvider.NAME;
  }

  @Override
  public Decision tryAcquire(ExecutionRequest request) throws SQLException, InterruptedException {
    Instant deadline = connections.deadlineAfter(checkDeadline);
    try (Connection connection = connections.open(deadline)) {
      long sentAt = System.nanoTime();
      OptionalLong token = acquire(connection, request);
      if (token.isPresent()) {
        LOG.log(Level.DEBUG,
            "Execution {0} (attempt {1}) of job {2} of team {3} holds its PostgreSQL lease with fencing token {4}.",
            request.executionId(), request.attemptId(), request.jobName(), request.team(),
            Long.toString(token.getAsLong()));
        return Decision.run(
            "No other execution of job " + request.jobName() + " of team " + request.team()
                + " holds its lease in table " + table.name() + ", so execution " + request.executionId()
                + " (attempt " + request.attemptId() + ") runs with fencing token " + token.getAsLong()
                + ", for " + ttl.toMillis() + " ms at a time, renewed every "
                + LeaseHeartbeat.renewInterval(ttl).toMillis() + " ms.",
            new HeldLease(request, table, connections, ttl, token.getAsLong(), sentAt));
      }
      return skip(connection, request);
    }
  }

  private OptionalLong acquire(Connection connection, ExecutionRequest request) throws SQLException {
    try {
      return table.acquire(connection, request, ttl);
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        LOG.log(Level.INFO, "The lease table {0} does not exist; creating it.", table.name());
        table.create(connection);
        return table.acquire(connection, request, ttl);
      }
      if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
        throw new SQLException(
            "The role may not use the lease table " + table.name() + " (" + SqlFailures.describe(e)
                + "). Let it, as the table's owner: " + table.grantStatement() + ";",
            e.getSQLState(), e);
      }
      throw e;
    }
  }

  private Decision skip(Connection connection, ExecutionRequest request) {
    Optional<LeaseRow> row;
    try {
      row = table.lookUp(connection, request).filter(LeaseRow::live);
    } catch (SQLException | RuntimeException e) {
      // The lease is held, that is the answer; only the name of its holder is missing. A failure
      // here must never turn the skip into an error, which fail-open would turn into a run.
      LOG.log(Level.DEBUG, "Could not look up who holds the lease of job {0} of team {1}.",
          request.jobName(), request.team(), e);
      row = Optional.empty();
    }
    String who = row.map(r -> r.describe() + " until " + r.expiresAt() + " (database time)")
        .orElse("an execution that could not be named (it may have released it a moment ago)");
    return Decision.skip(
        "Job " + request.jobName() + " of team " + request.team() + " is already running: its lease in"
            + " table " + table.name() + " is held by " + who + ".",
        new Holder(
            row.map(LeaseRow::executionId),
            Optional.of(Holder.RUNNING),
            row.map(r -> r.acquiredAt().toString()),
            row.map(r -> "attempt " + r.attemptId() + ", lease until " + r.expiresAt() + " (database time)")));
  }
}

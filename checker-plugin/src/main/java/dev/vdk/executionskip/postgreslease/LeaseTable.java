package dev.vdk.executionskip.postgreslease;

import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.postgres.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The lease table and the statements run on it. One row per team and job; it is never deleted, as
 * it carries the job's fencing token from one holder to the next.
 *
 * <p>Acquire, renew and release are each one statement, atomic on their own (no transaction spans
 * two of them), and every time they compare or store is the server's {@code clock_timestamp()}:
 * the clocks of the machines that run jobs never decide who holds a lease. A lease is free when its
 * row is missing or its {@code expires_at} has passed; release sets {@code expires_at} to now.
 *
 * <p>Each runs in a READ COMMITTED transaction of its own, set within that transaction (so it holds
 * through a pooler in transaction mode): under a server or role default of repeatable read or
 * serializable, starts queued on the row would fail with a serialization error instead of one
 * taking the lease and the others seeing it held, and an error policy could turn those failures
 * into unguarded runs.
 *
 * @param name the table's name as written in SQL, optionally schema-qualified; checked by {@link
 *     #named}, so it is safe to splice into a statement
 */
record LeaseTable(String name) {
  private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
  private static final String MILLISECONDS = " * interval '1 millisecond'";
  /** Run first in each statement's transaction; see the class comment. */
  static final String READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";

  /**
   * The table of that name.
   *
   * @throws IllegalArgumentException saying what a name may be
   */
  static LeaseTable named(String name) {
    if (!SQL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a table name such as vdk_execution_leases or jobs.vdk_execution_leases: letters, digits"
              + " and _, not starting with a digit, at most 63 of them, with an optional schema"
              + " before a dot");
    }
    return new LeaseTable(name);
  }

  /** What creates the table; also shown to whoever must run it when this role may not. */
  String createStatement() {
    return "CREATE TABLE IF NOT EXISTS " + name + " ("
        + "team text NOT NULL, "
        + "job_name text NOT NULL, "
        + "fencing_token bigint NOT NULL, "
        + "holder_execution_id text NOT NULL, "
        + "holder_attempt_id text NOT NULL, "
        + "acquired_at timestamptz NOT NULL, "
        + "expires_at timestamptz NOT NULL, "
        + "PRIMARY KEY (team, job_name))";
  }

  String grantStatement() {
    return "GRANT SELECT, INSERT, UPDATE ON " + name + " TO <the jobs' role>";
  }

  /**
   * Takes the job's lease when it is free: inserts the row with token 1, or takes over an expired
   * one with its token plus one. The row lock that {@code ON CONFLICT DO UPDATE} takes makes
   * concurrent starts queue on the row, and the condition is evaluated once the lock is theirs, so
   * exactly one of them finds the lease free.
   */
  String acquireStatement() {
    return "INSERT INTO " + name + " AS lease"
        + " (team, job_name, fencing_token, holder_execution_id, holder_attempt_id, acquired_at, expires_at)"
        + " VALUES (?, ?, 1, ?, ?, clock_timestamp(), clock_timestamp() + ?" + MILLISECONDS + ")"
        + " ON CONFLICT (team, job_name) DO UPDATE SET"
        + " fencing_token = lease.fencing_token + 1,"
        + " holder_execution_id = excluded.holder_execution_id,"
        + " holder_attempt_id = excluded.holder_attempt_id,"
        + " acquired_at = clock_timestamp(),"
        + " expires_at = clock_timestamp() + ?" + MILLISECONDS
        + " WHERE lease.expires_at <= clock_timestamp()"
        + " RETURNING fencing_token";
  }

  /** Extends the lease, if it is still this holding's and has not expired. */
  String renewStatement() {
    return "UPDATE " + name + " SET expires_at = clock_timestamp() + ?" + MILLISECONDS
        + " WHERE team = ? AND job_name = ? AND fencing_token = ? AND expires_at > clock_timestamp()";
  }

  /** Ends the lease now, if it is still this holding's; the row and its token stay. */
  String releaseStatement() {
    return "UPDATE " + name + " SET expires_at = clock_timestamp()"
        + " WHERE team = ? AND job_name = ? AND fencing_token = ? AND expires_at > clock_timestamp()";
  }

  String lookUpStatement() {
    return "SELECT holder_execution_id, holder_attempt_id, fencing_token, acquired_at, expires_at,"
        + " expires_at > clock_timestamp() FROM " + name + " WHERE team = ? AND job_name = ?";
  }

  /** The token of the lease just taken, or empty when another execution holds it. */
  OptionalLong acquire(Connection connection, ExecutionRequest request, Duration ttl) throws SQLException {
    return readCommitted(connection, () -> acquireNow(connection, request, ttl));
  }

  private OptionalLong acquireNow(Connection connection, ExecutionRequest request, Duration ttl) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(acquireStatement())) {
      statement.setString(1, request.team());
      statement.setString(2, request.jobName());
      statement.setString(3, request.executionId());
      statement.setString(4, request.attemptId());
      statement.setLong(5, ttl.toMillis());
      statement.setLong(6, ttl.toMillis());
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** Whether the lease was still this holding's, and is now extended by {@code ttl}. */
  boolean renew(Connection connection, ExecutionRequest request, long token, Duration ttl) throws SQLException {
    return readCommitted(connection, () -> {
      try (PreparedStatement statement = connection.prepareStatement(renewStatement())) {
        statement.setLong(1, ttl.toMillis());
        statement.setString(2, request.team());
        statement.setString(3, request.jobName());
        statement.setLong(4, token);
        return statement.executeUpdate() == 1;
      }
    });
  }

  /** Whether the lease was still this holding's when it was ended. */
  boolean release(Connection connection, ExecutionRequest request, long token) throws SQLException {
    return readCommitted(connection, () -> {
      try (PreparedStatement statement = connection.prepareStatement(releaseStatement())) {
        statement.setString(1, request.team());
        statement.setString(2, request.jobName());
        statement.setLong(3, token);
        return statement.executeUpdate() == 1;
      }
    });
  }

  /** The job's row as it is now, if it has one. */
  Optional<LeaseRow> lookUp(Connection connection, ExecutionRequest request) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(lookUpStatement())) {
      statement.setString(1, request.team());
      statement.setString(2, request.jobName());
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          return Optional.empty();
        }
        return Optional.of(new LeaseRow(
            result.getString(1), result.getString(2), result.getLong(3),
            result.getTimestamp(4).toInstant(), result.getTimestamp(5).toInstant(), result.getBoolean(6)));
      }
    }
  }

  /** One step of SQL work whose result the caller uses. */
  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} in a READ COMMITTED transaction of its own, committed when it succeeds and
   * rolled back when it fails; the connection is left in autocommit, as it came.
   */
  private static <T> T readCommitted(Connection connection, SqlWork<T> work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      try (Statement isolation = connection.createStatement()) {
        isolation.execute(READ_COMMITTED);
      }
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      // A broken connection is closed by now; its own failure is the one to report.
      if (!connection.isClosed()) {
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * Creates the table, unless it exists by now (another execution may have just created it).
   *
   * @throws SQLException saying which statements to run, and as whom, when this role may not
   */
  void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(createStatement());
    } catch (SQLException e) {
      if (exists(connection)) {
        return;
      }
      throw new SQLException(
          "The lease table " + name + " does not exist, and it could not be created ("
              + SqlFailures.describe(e) + "). Create it once, as a role"
              + " that may: " + createStatement() + "; then let the jobs' role use it: "
              + grantStatement() + ";",
          e.getSQLState(), e);
    }
  }

  private boolean exists(Connection connection) {
    try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      statement.setString(1, name);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    } catch (SQLException e) {
      return false;
    }
  }
}

package dev.vdk.executionskip.postgres;

import dev.vdk.api.OneLine;
import dev.vdk.executionskip.backend.ExecutionRequest;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/**
 * The {@code postgres} backend's fencing tokens: the next value of one sequence, {@value #NAME},
 * taken by the execution that has just been granted a job's advisory lock, on the lock's session.
 * A sequence only grows, so each job's tokens grow from one holder to the next; the sequence is
 * created when missing.
 *
 * <p>The token is extra: the advisory lock alone keeps a second execution from starting. When no
 * token can be had (the sequence is missing and this role may not create it), the run goes on
 * without one, with a warning that says what to run.
 */
final class FencingSequence {
  static final String NAME = "vdk_execution_fencing_tokens";
  static final String CREATE = "CREATE SEQUENCE IF NOT EXISTS " + NAME;
  /**
   * {@code txid_current()} gives the statement a transaction id, so that its commit waits for the
   * WAL to reach disk: a value handed out is then never handed out again after a server crash.
   */
  static final String NEXT = "SELECT nextval('" + NAME + "'), txid_current()";

  private static final System.Logger LOG = System.getLogger(FencingSequence.class.getName());
  private static final String UNDEFINED_TABLE = "42P01";

  private FencingSequence() {}

  /** The next token, or empty, with a warning, when the sequence cannot be used. */
  static OptionalLong next(Connection connection, ExecutionRequest request) {
    try {
      try {
        return OptionalLong.of(nextValue(connection));
      } catch (SQLException e) {
        if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
          throw e;
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute(CREATE);
        }
        return OptionalLong.of(nextValue(connection));
      }
    } catch (SQLException e) {
      // Not a message pattern: the DDL holds quotes, which a pattern would eat.
      LOG.log(Level.WARNING, OneLine.escape(
          "Execution " + request.executionId() + " (attempt " + request.attemptId() + ") of job "
              + request.jobName() + " of team " + request.team() + " holds its PostgreSQL advisory lock but"
              + " runs without a fencing token: the sequence " + NAME + " could not be used ("
              + SqlFailures.describe(e) + "). Create it once, as a role that may: " + CREATE
              + "; then let the jobs' role use it: GRANT USAGE ON SEQUENCE " + NAME + " TO <the jobs' role>;"));
      return OptionalLong.empty();
    }
  }

  private static long nextValue(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(NEXT);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}

package dev.vdk.executionskip.postgreslease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.postgres.PostgresConnectionSettings;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lease table is created when missing; when it cannot be, the error says what to run. */
class LeaseTableCreationTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final ExecutionRequest REQUEST = new ExecutionRequest("team", "job", "e-1", "e-1-a");

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @Test
  void aMissingTableIsCreatedByTheFirstStart() throws Exception {
    String table = TestLeases.freshTable();

    Decision decision = TestLeases.backend(postgres, table, TTL).tryAcquire(REQUEST);

    try (var lease = decision.lease()) {
      assertThat(decision.verdict()).isEqualTo(Verdict.RUN);
      assertThat(exists(table)).isTrue();
    }
  }

  @Test
  void aRoleThatMayNotCreateTheTableIsToldTheStatementsToRunAndTheyWork() throws Exception {
    try (Connection admin = postgres.superuser(); Statement statement = admin.createStatement()) {
      statement.execute("CREATE SCHEMA locked");
    }
    PostgresConnectionSettings reader = postgres.settingsForNewRole("lease_reader", "Pw-lease-reader-9");
    try (Connection admin = postgres.superuser(); Statement statement = admin.createStatement()) {
      statement.execute("GRANT USAGE ON SCHEMA locked TO lease_reader");
    }
    PostgresLeaseBackend backend =
        new PostgresLeaseBackend(reader, "locked.vdk_execution_leases", TTL, TestLeases.DEADLINE);

    Throwable refused = catchThrowable(() -> backend.tryAcquire(REQUEST));

    assertThat(refused).isInstanceOf(SQLException.class);
    assertThat(refused.getMessage())
        .startsWith("The lease table locked.vdk_execution_leases does not exist, and it could not be created"
            + " (SQLSTATE 42501: ERROR: permission denied for schema locked")
        .contains("Create it once, as a role that may: CREATE TABLE IF NOT EXISTS locked.vdk_execution_leases (")
        .contains("then let the jobs' role use it: GRANT SELECT, INSERT, UPDATE ON locked.vdk_execution_leases TO"
            + " <the jobs' role>;")
        .doesNotContain("Pw-lease-reader-9");
    // Run as told, by an owner, and the same backend now starts.
    Matcher statements = Pattern.compile("may: (CREATE TABLE .*?); then let the jobs' role use it: (GRANT .*?) TO <")
        .matcher(refused.getMessage());
    assertThat(statements.find()).isTrue();
    try (Connection admin = postgres.superuser(); Statement statement = admin.createStatement()) {
      statement.execute(statements.group(1));
      statement.execute(statements.group(2) + " TO lease_reader");
    }
    Decision decision = backend.tryAcquire(REQUEST);
    try (var lease = decision.lease()) {
      assertThat(decision.verdict()).isEqualTo(Verdict.RUN);
    }
  }

  @Test
  void aRoleThatMayNotWriteTheTableIsToldTheGrant() throws Exception {
    String table = TestLeases.freshTable();
    TestLeases.backend(postgres, table, TTL).tryAcquire(REQUEST).lease().close();
    PostgresConnectionSettings stranger = postgres.settingsForNewRole("lease_stranger", "Pw-lease-stranger-3");

    Throwable refused = catchThrowable(
        () -> new PostgresLeaseBackend(stranger, table, TTL, TestLeases.DEADLINE).tryAcquire(REQUEST));

    assertThat(refused).isInstanceOf(SQLException.class).hasMessage(
        "The role may not use the lease table " + table + " (SQLSTATE 42501: ERROR: permission denied for table "
            + table + "). Let it, as the table's owner: GRANT SELECT, INSERT, UPDATE ON " + table
            + " TO <the jobs' role>;");
  }

  private static boolean exists(String table) throws SQLException {
    try (Connection admin = postgres.superuser(); Statement statement = admin.createStatement();
        ResultSet result = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
      result.next();
      return result.getBoolean(1);
    }
  }
}

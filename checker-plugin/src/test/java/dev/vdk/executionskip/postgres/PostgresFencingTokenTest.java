package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.testing.LogCapture;
import java.sql.Connection;
import java.sql.Statement;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The postgres backend's fencing tokens: the next value of a sequence, taken while the advisory
 * lock is held; the sequence is created when missing.
 */
class PostgresFencingTokenTest {
  private static final ExecutionRequest FIRST = new ExecutionRequest("team", "job", "e-1", "e-1-a");
  private static final ExecutionRequest SECOND = new ExecutionRequest("team", "job", "e-2", "e-2-a");

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @Test
  void eachHolderOfAJobGetsALargerTokenThanTheOneBefore() throws Exception {
    PostgresAdvisoryLockBackend backend = new PostgresAdvisoryLockBackend(postgres.settings());

    long first = tokenOf(backend.tryAcquire(FIRST));
    long second = tokenOf(backend.tryAcquire(SECOND));
    Decision third = backend.tryAcquire(FIRST);

    assertThat(second).isGreaterThan(first);
    try (Lease lease = third.lease()) {
      assertThat(lease.fencingToken().orElseThrow()).isGreaterThan(second);
      assertThat(third.reason()).endsWith(" runs with fencing token " + lease.fencingToken().orElseThrow() + ".");
    }
  }

  @Test
  void aRoleThatMayNotCreateTheSequenceRunsWithoutATokenAndIsToldWhatToRun() throws Exception {
    PostgresConnectionSettings reader = postgres.settingsForNewRole("token_reader", "Pw-token-reader-5");
    try (Connection admin = postgres.superuser(); Statement statement = admin.createStatement()) {
      // Its unqualified names resolve to a schema it may use but not create in.
      statement.execute("CREATE SCHEMA fenced");
      statement.execute("GRANT USAGE ON SCHEMA fenced TO token_reader");
      statement.execute("ALTER ROLE token_reader SET search_path = fenced");
    }

    Decision decision;
    try (LogCapture logs = LogCapture.start()) {
      decision = new PostgresAdvisoryLockBackend(reader).tryAcquire(FIRST);
      assertThat(logs.lines(record -> record.getLevel() == Level.WARNING))
          .singleElement()
          .asString()
          .contains("Execution e-1 (attempt e-1-a) of job job of team team holds its PostgreSQL advisory lock"
              + " but runs without a fencing token: the sequence vdk_execution_fencing_tokens could not be"
              + " used (SQLSTATE 42501: ERROR: permission denied for schema fenced")
          .endsWith("Create it once, as a role that may: CREATE SEQUENCE IF NOT EXISTS"
              + " vdk_execution_fencing_tokens; then let the jobs' role use it: GRANT USAGE ON SEQUENCE"
              + " vdk_execution_fencing_tokens TO <the jobs' role>;");
    }
    try (Lease lease = decision.lease()) {
      assertThat(decision.verdict()).as("the lock alone still guards the job").isEqualTo(Verdict.RUN);
      assertThat(lease.fencingToken()).isEmpty();
    }
  }

  private static long tokenOf(Decision decision) {
    assertThat(decision.verdict()).isEqualTo(Verdict.RUN);
    try (Lease lease = decision.lease()) {
      return lease.fencingToken().orElseThrow();
    }
  }
}

package dev.vdk.executionskip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockBackend;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command with the {@code postgres} backend, against a real server on loopback. */
class CheckCommandPostgresTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private static final ExecutionRequest HOLDER =
      new ExecutionRequest("team-p", "job-p", "exec-holder", "exec-holder-abcde");

  private final InProcessCommand command = new InProcessCommand();

  private Map<String, String> environment(String password) {
    return Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres",
        "VDK_EXECUTION_SKIP_POSTGRES_URL", postgres.jdbcUrl(),
        "VDK_EXECUTION_SKIP_POSTGRES_USER", TestPostgres.USER,
        "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", password);
  }

  private Decision acquire() throws Exception {
    return new PostgresAdvisoryLockBackend(postgres.settings()).tryAcquire(HOLDER);
  }

  @Test
  void aFreeLockWouldRunAndTheProbeDoesNotKeepIt() throws Exception {
    InProcessCommand.Result result =
        command.run(environment(TestPostgres.PASSWORD), "check", "--team", "team-p", "--job", "job-p");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out()).contains("would RUN.", "the postgres lock was taken for a moment");
    Decision later = acquire();
    try (Lease lease = later.lease()) {
      assertThat(later.verdict()).as(later.reason()).isEqualTo(Verdict.RUN);
    }
  }

  @Test
  void aHeldLockWouldBeSkippedAndTheHolderSessionIsNamed() throws Exception {
    Decision held = acquire();
    try (Lease lease = held.lease()) {
      InProcessCommand.Result result =
          command.run(environment(TestPostgres.PASSWORD), "check", "--team", "team-p", "--job", "job-p");

      assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
      assertThat(result.out())
          .contains("is held by attempt exec-holder-abcde of execution exec-holder")
          .containsPattern("\nexec-holder +running +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z +-\n");
    }
  }

  @Test
  void aWrongPasswordCannotBeCheckedAndIsNotPrinted() {
    String wrong = TestPostgres.PASSWORD + "-wrong";

    InProcessCommand.Result result = command.run(environment(wrong), "check", "--team", "team-p", "--job", "job-p");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("vdk-check: could not check job job-p of team team-p: ");
    assertThat(result.out() + result.err()).doesNotContain(TestPostgres.PASSWORD);
  }

  @Test
  void aDatabaseThatNeverAnswersCannotBeCheckedWithinTheDeadline() throws Exception {
    // The kernel completes the TCP handshake for the listen backlog, but nobody ever reads.
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      InProcessCommand.Result result =
          command.run(
              Map.of(
                  "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres",
                  "VDK_EXECUTION_SKIP_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/jobs",
                  "VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", "1"),
              "check", "--team", "team-p", "--job", "job-p");

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("did not answer within 1000 ms");
    }
  }
}

package dev.vdk.executionskip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockBackend;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command with the {@code postgres} backend, against a real server on loopback: the probe
 * tests every lock backend passes, and what only a database can do (refuse a password, never
 * answer).
 */
class CheckCommandPostgresTest extends LockProbeContract {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private Map<String, String> environment(String password) {
    return Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres",
        "VDK_EXECUTION_SKIP_POSTGRES_URL", postgres.jdbcUrl(),
        "VDK_EXECUTION_SKIP_POSTGRES_USER", TestPostgres.USER,
        "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", password);
  }

  @Override
  Map<String, String> environment() {
    return environment(TestPostgres.PASSWORD);
  }

  @Override
  ExecutionBackend backend() {
    return new PostgresAdvisoryLockBackend(postgres.settings());
  }

  @Test
  void aWrongPasswordCannotBeCheckedAndIsNotPrinted() {
    String wrong = TestPostgres.PASSWORD + "-wrong";

    InProcessCommand.Result result = command.run(environment(wrong), "check", "--team", "team-a", "--job", "job-a");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("vdk-check: could not check job job-a of team team-a: ");
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
              "check", "--team", "team-a", "--job", "job-a");

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("did not answer within 1000 ms");
    }
  }
}

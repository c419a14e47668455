package dev.vdk.executionskip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.SecretForms;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A password in the PostgreSQL URL never reaches the command's output, whatever fails. */
class CheckCommandPostgresPasswordTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private static final String PASSWORD = "p@ss-Wr0ng/é=1";

  private final InProcessCommand command = new InProcessCommand();

  private static String hostAndPort(boolean reachable) throws IOException {
    if (reachable) {
      return postgres.jdbcUrl().substring("jdbc:postgresql://".length(), postgres.jdbcUrl().lastIndexOf('/'));
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  @ParameterizedTest(name = "server reachable: {0}")
  @ValueSource(booleans = {true, false})
  void neitherTheUserInfoPasswordNorTheSslPasswordReachesStdoutOrStderr(boolean reachable) throws IOException {
    String url = "jdbc:postgresql://" + TestPostgres.USER + ":" + PASSWORD + "@" + hostAndPort(reachable)
        + "/postgres?sslpassword=" + PASSWORD.replace("@", "%40").replace("/", "%2F");

    InProcessCommand.Result result = command.run(
        Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres", "VDK_EXECUTION_SKIP_POSTGRES_URL", url),
        "check", "--team", "team-p", "--job", "job-p");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("vdk-check: could not check job job-p of team team-p: ");
    SecretForms.assertAbsent(PASSWORD, result.err() + result.out(), "the command's output");
  }
}

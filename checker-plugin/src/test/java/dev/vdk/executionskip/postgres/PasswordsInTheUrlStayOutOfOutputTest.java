package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.ExecutionSkipPlugin;
import dev.vdk.executionskip.SecretForms;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A password written into the PostgreSQL URL, in its user-info or as a {@code password} or {@code
 * sslpassword} parameter, reaches no output in any form: not the plugin's lines, not the driver's
 * own log (every level is captured), not the driver's exceptions, which quote what they were given.
 * The backend takes such secrets out of the URL and hands them to the driver as properties.
 */
class PasswordsInTheUrlStayOutOfOutputTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  /** An '@' (user-info masking must go past it), a slash, a space, a letter outside ASCII. */
  static final String WRONG_PASSWORD = "p@ss Wr0ng/é=1";

  static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String hostAndPort() {
    return postgres.jdbcUrl().substring("jdbc:postgresql://".length(), postgres.jdbcUrl().lastIndexOf('/'));
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static Stream<Arguments> urls() throws IOException {
    String user = TestPostgres.USER;
    String secret = encoded(WRONG_PASSWORD);
    return Stream.of(
        Arguments.of("user-info, '@' written as it is",
            "jdbc:postgresql://" + user + ":" + WRONG_PASSWORD.replace(" ", "") + "@" + hostAndPort() + "/postgres",
            WRONG_PASSWORD.replace(" ", "")),
        Arguments.of("user-info, percent-encoded",
            "jdbc:postgresql://" + user + ":" + secret + "@" + hostAndPort() + "/postgres", WRONG_PASSWORD),
        Arguments.of("password and sslpassword parameters",
            "jdbc:postgresql://" + hostAndPort() + "/postgres?user=" + user + "&sslpassword=" + secret
                + "&password=" + secret + "&ssl=false", WRONG_PASSWORD),
        Arguments.of("sslpassword and an unreachable port",
            "jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres?user=" + user + "&sslpassword=" + secret
                + "&password=" + secret, WRONG_PASSWORD),
        Arguments.of("user-info and an unreachable port",
            "jdbc:postgresql://" + user + ":" + secret + "@127.0.0.1:" + closedPort() + "/postgres", WRONG_PASSWORD));
  }

  static JobTestKit job(String url) {
    return JobTestKit.forJob(
            DataJob.of("pw-job", "pw-team", List.of(Step.named("load", input -> {}))))
        .withPlugin(new ExecutionSkipPlugin())
        .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres")
        .withEnvironment("VDK_EXECUTION_SKIP_POSTGRES_URL", url)
        // fail puts the check's exception in the result, so its whole chain is checked too.
        .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "fail");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("urls")
  void aFailedConnectionShowsNoFormOfThePassword(String where, String url, String password) {
    JobRunReport report = job(url).run();

    assertThat(report.status()).as(report.result().message()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    SecretForms.assertAbsent(password, String.join("\n", report.logLines()), "the log");
    SecretForms.assertAbsent(password, report.result().message(), "the result");
    SecretForms.assertAbsent(password, stackTrace(report.result().cause().orElseThrow()), "the stack trace");
  }

  @Test
  void aWrongPasswordInTheUserInfoIsRefusedByTheServerNotMisreadAsAHost() {
    JobRunReport report =
        job("jdbc:postgresql://" + TestPostgres.USER + ":" + encoded(WRONG_PASSWORD) + "@" + hostAndPort() + "/postgres")
            .run();

    assertThat(report.result().message()).contains("password authentication failed for user \"vdk_job\"");
  }

  @Test
  void thePasswordInTheUserInfoLogsIn() {
    JobRunReport report =
        job("jdbc:postgresql://" + TestPostgres.USER + ":" + encoded(TestPostgres.PASSWORD) + "@" + hostAndPort()
                + "/postgres")
            .run();

    assertThat(report.status()).as(report.result().message()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.stepsRun()).containsExactly("load");
    SecretForms.assertAbsent(TestPostgres.PASSWORD, String.join("\n", report.logLines()), "the log");
  }

  private static String stackTrace(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}

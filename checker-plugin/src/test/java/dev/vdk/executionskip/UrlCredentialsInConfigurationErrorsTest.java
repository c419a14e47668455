package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A URL setting that is refused is quoted with its user-info and query hidden: the whole user-info,
 * up to the last '@' of the value (past an '@', '#', '?' or space inside the password), and the
 * whole query, wherever a secret may sit.
 */
class UrlCredentialsInConfigurationErrorsTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "control-service, CONTROL_SERVICE_REST_API_URL, ftp://u:p@ss@control.example/api?token=t0ken",
    "control-service, API_TOKEN_AUTHORIZATION_URL, ftp://u:p@ss@idp.example/oauth?token=t0ken",
    "postgres, EXECUTION_SKIP_POSTGRES_URL, postgresql://u:p@ss@db.example/jobs?password=t0ken",
    "control-service, CONTROL_SERVICE_REST_API_URL, https://u:p ss@control.example/api?token=t0ken",
    "control-service, CONTROL_SERVICE_REST_API_URL, https://u:p#ss@control.example/api?token=t0ken",
    "control-service, API_TOKEN_AUTHORIZATION_URL, https://u:p?ss@idp.example/oauth?token=t0ken",
    "postgres, EXECUTION_SKIP_POSTGRES_URL, jdbc:postgres://u:p ss@db.example/jobs?password=t0ken",
  })
  void theRefusedValueIsQuotedWithoutItsUserInfoAndQuery(String backend, String key, String url) {
    JobRunReport report =
        JobTestKit.forJob(TestJob.of(Step.named("load", input -> {})))
            .withPlugin(new ExecutionSkipPlugin())
            .withEnvironment("VDK_LOG_CONFIG", "CLOUD")
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", backend)
            .withEnvironment("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:9/api")
            .withEnvironment("VDK_API_TOKEN", "api-token-1")
            .withEnvironment("VDK_" + key, url)
            .run();

    String output = String.join("\n", report.logLines()) + "\n" + report.result().message();
    // A refused setting is a user error: the run's end line and the plugin's line name it.
    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.logLines()).anySatisfy(line -> assertThat(line).contains(key).contains("//****@"));
    assertThat(output).doesNotContain("u:p").doesNotContain("ss@").doesNotContain("t0ken");
  }
}

package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.OWN_EXECUTION;
import static dev.vdk.executionskip.controlservice.StandInControlService.SPEC_VALID_EXECUTION;
import static dev.vdk.executionskip.controlservice.StandInControlService.stackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.testing.JobRunReport;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole job runs with a token configured, successful, skipped and failed, leave neither the API
 * token nor the access token in any log line at any level (the JDK's FINE header trace included)
 * nor in the run's result. The tokens are plain letters and digits on purpose: a JSON parser
 * quotes such a word whole in its error message.
 */
class SecretsStayOutOfJobRunsTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  static final String API_TOKEN = "apiTokenSECRET1";
  static final String ACCESS_TOKEN = "accessTokenSECRET2";

  @BeforeEach
  void handOutTheAccessToken() {
    controlService.stubTokenEndpoint(ACCESS_TOKEN, 3600);
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of("only its own record", okJson("[" + OWN_EXECUTION + "]"), ExecutionStatus.SUCCESS),
        Arguments.of("another execution", okJson("[" + SPEC_VALID_EXECUTION + "]"), ExecutionStatus.SKIPPED),
        Arguments.of(
            "401 echoing both tokens",
            aResponse().withStatus(401).withBody(
                "{\"error\": \"invalid token Bearer " + ACCESS_TOKEN + " (refresh " + API_TOKEN + ")\"}"),
            ExecutionStatus.PLATFORM_ERROR),
        Arguments.of(
            "malformed JSON holding the access token",
            okJson("[{\"id\": " + ACCESS_TOKEN + "}]"),
            ExecutionStatus.PLATFORM_ERROR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void neitherTokenAppearsInTheLogsOrTheResult(
      String answer, ResponseDefinitionBuilder response, ExecutionStatus expected) {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(response));

    JobRunReport report =
        controlService.job()
            .withEnvironment("VDK_API_TOKEN", API_TOKEN)
            .withEnvironment("VDK_API_TOKEN_AUTHORIZATION_URL", controlService.tokenUrl().toString())
            // fail puts the check's exception in the result, so its whole chain is checked too.
            .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "fail")
            .run();

    assertThat(report.status()).isEqualTo(expected);
    String logs = String.join("\n", report.logLines());
    assertThat(logs)
        .as("the JDK's FINE trace of the request headers is captured, redacted")
        .contains("Authorization: ****")
        .doesNotContain(API_TOKEN)
        .doesNotContain(ACCESS_TOKEN);
    assertThat(report.result().message()).doesNotContain(API_TOKEN).doesNotContain(ACCESS_TOKEN);
    report.result().cause().ifPresent(cause ->
        assertThat(stackTrace(cause)).doesNotContain(API_TOKEN).doesNotContain(ACCESS_TOKEN));
  }
}

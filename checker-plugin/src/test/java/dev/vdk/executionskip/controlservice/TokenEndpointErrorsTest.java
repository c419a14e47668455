package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static dev.vdk.executionskip.controlservice.StandInControlService.stackTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.executionskip.SecretForms;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import dev.vdk.testing.JobRunReport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A token endpoint that refuses the API token is reported by its OAuth {@code error} code alone
 * (RFC 6749 section 5.2): the body is never quoted, so a token it echoes, in whatever encoding,
 * reaches neither the warning, the decision line, the result nor any stack trace.
 */
class TokenEndpointErrorsTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  /** A space, quotes, a slash, a plus and a letter outside ASCII: each encoding writes it differently. */
  static final String API_TOKEN = "rt-S3cret \"q\"/+é&=1";

  /** A 400 answer that echoes the API token in every form a server might use. */
  static String echoingBody() {
    Map<String, String> forms = SecretForms.of(API_TOKEN);
    return "{\"error\": \"invalid_grant\", \"error_description\": \"refresh token "
        + forms.get("JSON-escaped") + " is unknown\", \"echo\": \"" + forms.get("JSON-escaped with \\/")
        + "\", \"request\": \"grant_type=refresh_token&refresh_token=" + forms.get("form-encoded")
        + "\", \"url\": \"https://idp.example/?t=" + forms.get("URL-encoded") + "\"}\n"
        + "raw: " + forms.get("raw");
  }

  void tokenEndpointAnswers(int status, String body) {
    controlService.server().stubFor(post(urlPathEqualTo(controlService.tokenUrl().getPath()))
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void theErrorIsTheStatusAndTheOAuthErrorCode() {
    tokenEndpointAnswers(400, echoingBody());
    ControlServiceClient client = controlService.client(controlService.settings().withApiToken(API_TOKEN, controlService.tokenUrl()));

    ControlServiceException failure =
        catchThrowableOfType(ControlServiceException.class, () -> client.activeExecutions(TEAM, JOB));

    assertThat(failure.getMessage())
        .contains("the token endpoint answered HTTP 400 invalid_grant")
        .doesNotContain("error_description")
        .doesNotContain("is unknown");
    SecretForms.assertAbsent(API_TOKEN, stackTrace(failure), "the stack trace");
  }

  @Test
  void aBodyWithoutAnOAuthErrorCodeIsNotQuotedEither() {
    tokenEndpointAnswers(401, "<html>denied for " + API_TOKEN + "</html>");
    ControlServiceClient client = controlService.client(controlService.settings().withApiToken(API_TOKEN, controlService.tokenUrl()));

    ControlServiceException failure =
        catchThrowableOfType(ControlServiceException.class, () -> client.activeExecutions(TEAM, JOB));

    assertThat(failure.getMessage())
        .contains("the token endpoint answered HTTP 401 without an OAuth error code")
        .doesNotContain("html")
        .doesNotContain("denied");
  }

  @ParameterizedTest(name = "EXECUTION_SKIP_ON_ERROR={0}")
  @ValueSource(strings = {"proceed", "fail"})
  void theEchoedTokenReachesNoLogLineNoResultAndNoStackTrace(String policy) {
    tokenEndpointAnswers(400, echoingBody());

    JobRunReport report =
        controlService.job()
            .withEnvironment("VDK_API_TOKEN", API_TOKEN)
            .withEnvironment("VDK_API_TOKEN_AUTHORIZATION_URL", controlService.tokenUrl().toString())
            .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", policy)
            .run();

    assertThat(report.status())
        .isEqualTo(policy.equals("fail") ? ExecutionStatus.PLATFORM_ERROR : ExecutionStatus.SUCCESS);
    String decisionLine = String.join("\n", report.logLinesContaining("execution_skip_decision"));
    assertThat(decisionLine).contains("the token endpoint answered HTTP 400 invalid_grant");
    assertThat(report.logLinesContaining(policy.equals("fail") ? "SEVERE" : "WARNING"))
        .anySatisfy(line -> assertThat(line).contains("invalid_grant"));
    SecretForms.assertAbsent(API_TOKEN, String.join("\n", report.logLines()), "the log");
    SecretForms.assertAbsent(API_TOKEN, report.result().message(), "the result");
    SecretForms.assertAbsent(
        API_TOKEN,
        report.result().cause().map(StandInControlService::stackTrace).orElse(""),
        "the result's stack trace");
  }

  @Test
  void aFailedRetryableExchangeQuotesNoBody() {
    tokenEndpointAnswers(503, echoingBody());
    ControlServiceClient client =
        controlService.client(controlService.settings().withApiToken(API_TOKEN, controlService.tokenUrl()).withRetries(0, 0, 1));

    ControlServiceException failure =
        catchThrowableOfType(ControlServiceException.class, () -> client.activeExecutions(TEAM, JOB));

    assertThat(failure.getMessage()).contains("503").doesNotContain("error_description");
    SecretForms.assertAbsent(API_TOKEN, stackTrace(failure), "the stack trace");
  }
}

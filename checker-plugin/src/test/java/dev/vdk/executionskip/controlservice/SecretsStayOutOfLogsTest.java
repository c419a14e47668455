package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static dev.vdk.executionskip.controlservice.StandInControlService.stackTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import dev.vdk.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Everything logged at any level during checks with a token configured, successful and failed,
 * and every exception they throw (stack traces with causes included), is free of both tokens. The
 * JDK's own FINE trace of request headers counts too: the client redacts it (see {@link
 * dev.vdk.executionskip.controlservice.http.JdkHeaderTrace}).
 */
class SecretsStayOutOfLogsTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  static final String API_TOKEN = "api-token-SECRET-1";
  static final String ACCESS_TOKEN = "access-token-SECRET-2";

  @Test
  void neitherTokenAppearsInAnyLogLineOrException() {
    controlService.stubTokenEndpoint(ACCESS_TOKEN, 3600);
    ControlServiceSettings settings = controlService.settings().withApiToken(API_TOKEN, controlService.tokenUrl());
    ControlServiceClient client = controlService.client(settings);
    StringBuilder failures = new StringBuilder();

    try (LogCapture logs = LogCapture.start()) {
      controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[{\"id\": \"a\"}]")));
      new ConcurrentExecutionChecker(client).isJobExecutionRunning(JOB, TEAM, "b-12345");

      controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(aResponse().withStatus(403)
          .withBody("forbidden for Bearer " + ACCESS_TOKEN)));
      failures.append(stackTrace(catchThrowable(() -> client.activeExecutions(TEAM, JOB))));

      controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("<" + API_TOKEN)));
      failures.append(stackTrace(catchThrowable(() -> client.activeExecutions(TEAM, JOB))));

      failures.append(settings);
      assertThat(logs.records()).isNotEmpty();
      assertThat(String.join("\n", logs.lines()))
          .contains("Control Service lists 1 active executions")
          .doesNotContain(API_TOKEN)
          .doesNotContain(ACCESS_TOKEN);
      // The JDK's FINE trace of the request headers is there, with the credential redacted.
      assertThat(logs.lines(record -> JdkHeaderTraceTest.JDK_TRACE.equals(record.getLoggerName())))
          .anySatisfy(line -> assertThat(line).contains("Authorization: ****"));
    }
    assertThat(failures.toString())
        .contains("ControlServiceException")
        .doesNotContain(API_TOKEN)
        .doesNotContain(ACCESS_TOKEN);
  }
}

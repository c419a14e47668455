package dev.vdk.executionskip.controlservice;

import dev.vdk.testing.LogCapture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/**
 * Everything logged at any level during checks with a token configured, successful and failed,
 * and every exception they throw (stack traces with causes included), is free of both tokens. The
 * JDK's own FINE trace of request headers counts too: the client redacts it (see {@link
 * JdkHeaderTrace}).
 */
class SecretsStayOutOfLogsTest extends ControlServiceFixture {

  static final String API_TOKEN = "api-token-SECRET-1";
  static final String ACCESS_TOKEN = "access-token-SECRET-2";

  @Test
  void neitherTokenAppearsInAnyLogLineOrException() {
    stubTokenEndpoint(ACCESS_TOKEN, 3600);
    ControlServiceSettings settings = settings().withApiToken(API_TOKEN, tokenUrl());
    ControlServiceClient client = client(settings);
    StringBuilder failures = new StringBuilder();

    try (LogCapture logs = LogCapture.start()) {
      server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[{\"id\": \"a\"}]")));
      new ConcurrentExecutionChecker(client).isJobExecutionRunning(JOB, TEAM, "b-12345");

      server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(aResponse().withStatus(403)
          .withBody("forbidden for Bearer " + ACCESS_TOKEN)));
      failures.append(stackTrace(catchThrowable(() -> client.activeExecutions(TEAM, JOB))));

      server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("<" + API_TOKEN)));
      failures.append(stackTrace(catchThrowable(() -> client.activeExecutions(TEAM, JOB))));

      failures.append(settings);
      assertThat(logs.records()).isNotEmpty();
      assertThat(String.join("\n", logs.lines()))
          .contains("Control Service lists 1 active executions")
          .doesNotContain(API_TOKEN)
          .doesNotContain(ACCESS_TOKEN);
      // The JDK's FINE trace of the request headers is there, with the credential redacted.
      assertThat(logs.lines(record -> JdkHeaderTrace.LOGGER.equals(record.getLoggerName())))
          .anySatisfy(line -> assertThat(line).contains("Authorization: ****"));
    }
    assertThat(failures.toString())
        .contains("ControlServiceException")
        .doesNotContain(API_TOKEN)
        .doesNotContain(ACCESS_TOKEN);
  }
}

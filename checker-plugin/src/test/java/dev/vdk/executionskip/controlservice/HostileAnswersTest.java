package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.stackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.executionskip.HostileText;
import dev.vdk.testing.JobRunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An execution id, a status or an error body from the Control Service reaches every line of output
 * on one line, with its control characters, terminal escapes and bidi overrides escaped.
 */
class HostileAnswersTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  static String json(String text) throws JsonProcessingException {
    return new ObjectMapper().writeValueAsString(text);
  }

  @Test
  void aHostileExecutionIdAndStatusAreShownEscaped() throws JsonProcessingException {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(
        "[{\"id\": " + json(HostileText.VALUE) + ", \"status\": " + json("running" + HostileText.VALUE)
            + ", \"start_time\": \"2021-09-24T14:14:03.922Z\"}]")));

    JobRunReport report = controlService.job().run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    HostileText.assertRunShownHarmlessly(report);
    assertThat(report.result().message()).contains("Execution x\\r\\nexecution_skip_decision");
  }

  @Test
  void aHostileErrorBodyIsShownEscaped() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(
        aResponse().withStatus(403).withBody("denied " + HostileText.VALUE + " \u0085 \u2028 end")));

    JobRunReport report = controlService.job().withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "fail").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    HostileText.assertRunShownHarmlessly(report);
    // A stack trace is lines of its own, each frame after a tab; every message in it is one line.
    HostileText.assertLinesShownHarmlessly(
        stackTrace(report.result().cause().orElseThrow()).replace("\n\t", "\n"), "the stack trace");
  }
}

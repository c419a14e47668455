package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.SPEC_VALID_EXECUTION;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interactions the OpenAPI description defines (200 with executions, 404 with an Error), checked
 * against it after each test. The client carries a token here, so the spec's {@code bearerAuth}
 * is checked too (the token URL is unset: the API token is sent as the Bearer token).
 */
class ControlServiceAnswersTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  /** The stand-in's settings with a token. */
  private ControlServiceSettings settings() {
    return controlService.settings().withApiToken("api-token-value", null);
  }

  @AfterEach
  void interactionsConformToTheOpenApiDescription() {
    OpenApiConformance.assertConforms(controlService.server(), OpenApiConformance.Security.REQUIRED);
  }

  @Test
  void asksForSubmittedAndRunningExecutionsAsAnExplodedFormArray() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));

    assertThat(controlService.client(settings()).activeExecutions(TEAM, JOB).count()).isZero();

    LoggedRequest request = controlService.server().getAllServeEvents().get(0).getRequest();
    assertThat(request.getUrl())
        .isEqualTo(EXECUTIONS_PATH + "?execution_status=submitted&execution_status=running");
  }

  @Test
  void sendsOperationIdUserAgentAndBearerToken() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));

    controlService.client(settings()).activeExecutions(TEAM, JOB);

    controlService.server().verify(
        getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
            .withHeader("X-OPID", matching("[0-9a-f]{16}"))
            .withHeader("User-Agent", matching("vdk-java-execution-skip/.+"))
            .withHeader("Authorization", matching("Bearer api-token-value"))
            .withHeader("Accept", matching("application/json")));
  }

  @Test
  void decodesASpecValidExecution() {
    controlService.server().stubFor(
        get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[" + SPEC_VALID_EXECUTION + "]")));

    ActiveExecutions executions = controlService.client(settings()).activeExecutions(TEAM, JOB);

    assertThat(executions.count()).isOne();
    assertThat(executions.firstListed())
        .containsExactly(
            new DataJobExecution(
                "mzhivkov-test-job3-latest-1627583589244-9681d", "running", "2021-09-24T14:14:03.922Z",
                "manual/vdk-control-cli"));
    assertThat(executions.firstListed().get(0).startedAt()).isPresent();
  }

  @Test
  void aMissingJobIsAnErrorNamingPathStatusAndTheServersMessageAndIsNotRetried() {
    controlService.server().stubFor(
        get(urlPathEqualTo(EXECUTIONS_PATH))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"messages\": [\"Data Job mzhivkov-test-job3 not found\"]}")));

    assertThatThrownBy(() -> controlService.client(settings()).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("GET " + EXECUTIONS_PATH)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("Data Job mzhivkov-test-job3 not found")
        .satisfies(e -> assertThat(((ControlServiceException) e).status()).hasValue(404));
    assertThat(controlService.server().getAllServeEvents()).hasSize(1);
    assertThat(controlService.time().sleeps()).isEmpty();
  }
}

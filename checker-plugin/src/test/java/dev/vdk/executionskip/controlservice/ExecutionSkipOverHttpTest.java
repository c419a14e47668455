package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.OTHER_EXECUTION_ID;
import static dev.vdk.executionskip.controlservice.StandInControlService.OWN_EXECUTION;
import static dev.vdk.executionskip.controlservice.StandInControlService.SPEC_VALID_EXECUTION;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static dev.vdk.executionskip.controlservice.StandInControlService.terminationStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.testing.JobRunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin end to end: a whole job run through {@link dev.vdk.testing.JobTestKit}, with the real
 * Control Service backend talking HTTP to WireMock. Spec-valid exchanges are also checked against
 * the OpenAPI description.
 */
class ExecutionSkipOverHttpTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  @Test
  void skipsWithExitZeroAndNoStepWhenAnotherExecutionIsListed() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[" + SPEC_VALID_EXECUTION + "]")));

    JobRunReport report = controlService.job().run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(report.exitCode()).isZero();
    assertThat(report.stepsRun()).isEmpty();
    assertThat(terminationStatus(report)).isEqualTo("Skipped");
    assertThat(report.logLinesContaining("Skipping job " + JOB + " of team " + TEAM))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("id " + OTHER_EXECUTION_ID));
    controlService.server().verify(1, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withQueryParam("execution_status", equalTo("submitted"))
        .withQueryParam("execution_status", equalTo("running")));
    OpenApiConformance.assertConforms(controlService.server(), OpenApiConformance.Security.NOT_CONFIGURED);
  }

  @Test
  void runsTheStepsWhenOnlyItsOwnRecordIsListed() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[" + OWN_EXECUTION + "]")));

    JobRunReport report = controlService.job().run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.exitCode()).isZero();
    assertThat(report.stepsRun()).containsExactly("load");
    assertThat(terminationStatus(report)).isEqualTo("Success");
    assertThat(report.logLinesContaining("decision=run ")).hasSize(1);
    OpenApiConformance.assertConforms(controlService.server(), OpenApiConformance.Security.NOT_CONFIGURED);
  }

  @Test
  void aLocalRunSendsNoRequestAtAll() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[" + SPEC_VALID_EXECUTION + "]")));

    JobRunReport report = controlService.job().withEnvironment("VDK_LOG_CONFIG", "LOCAL").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.stepsRun()).containsExactly("load");
    assertThat(report.logLinesContaining("Local execution, skipping parallel execution check.")).hasSize(1);
    assertThat(controlService.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void aDisabledCheckerSendsNoRequestAtAll() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[" + SPEC_VALID_EXECUTION + "]")));

    JobRunReport report = controlService.job().withEnvironment("VDK_EXECUTION_SKIP_CHECKER_ENABLED", "false").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.stepsRun()).containsExactly("load");
    assertThat(controlService.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void exchangesTheApiTokenByFormPostAndSendsTheAccessTokenAsBearer() {
    controlService.stubTokenEndpoint("access-1", 3600);
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[" + SPEC_VALID_EXECUTION + "]")));

    JobRunReport report =
        controlService.job()
            .withEnvironment("VDK_API_TOKEN", "api-1")
            .withEnvironment("VDK_API_TOKEN_AUTHORIZATION_URL", controlService.tokenUrl().toString())
            .run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    controlService.server().verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=api-1")));
    controlService.server().verify(1, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer access-1")));
    OpenApiConformance.assertConforms(controlService.server(), OpenApiConformance.Security.REQUIRED);
  }

  @Test
  void retriesTwoUnavailableAnswersAndActsOnTheThird() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs("second").willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs("third").willReturn(okJson("[" + SPEC_VALID_EXECUTION + "]")));

    JobRunReport report = controlService.job().run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(report.stepsRun()).isEmpty();
    controlService.server().verify(3, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH)));
    assertThat(controlService.time().sleeps()).hasSize(2);
  }

  @Test
  void aMissingControlServiceUrlIsAUserErrorNamingTheKeyAndNoStepRuns() {
    JobRunReport report = controlService.jobWithoutUrl().run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.stepsRun()).isEmpty();
    assertThat(report.result().message()).contains("CONTROL_SERVICE_REST_API_URL has no value");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"control service", "ftp://127.0.0.1/api", "127.0.0.1:8080", "http://"})
  void aMalformedControlServiceUrlIsAUserErrorNamingTheKeyAndNoStepRuns(String url) {
    JobRunReport report = controlService.jobWithoutUrl().withEnvironment("VDK_CONTROL_SERVICE_REST_API_URL", url).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.stepsRun()).isEmpty();
    assertThat(report.result().message()).contains("CONTROL_SERVICE_REST_API_URL").contains("an http or https URL");
  }
}

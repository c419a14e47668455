package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.executionskip.backend.CheckTimeoutException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that sends its headers and then dribbles the body keeps no check's thread past the
 * check's deadline, and so cannot hold up the checks after it. Real clock: deadlines are real.
 */
class DribbledAnswerTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  private static final Duration DEADLINE = Duration.ofSeconds(2);

  /** How long after its deadline a check's thread may still take to let go of the connection. */
  private static final long HANG_UP_WITHIN_SECONDS = 5;

  private DribblingServer dribbling;

  @BeforeEach
  void startDribbling() throws IOException {
    dribbling =
        new DribblingServer(
            "{\"access_token\": \"access-token\", \"token_type\": \"bearer\", \"expires_in\": 3600}");
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));
  }

  @AfterEach
  void stopDribbling() throws IOException {
    dribbling.close();
  }

  @Test
  void aDribbledExecutionsAnswerIsAbandonedAtTheDeadline() throws InterruptedException {
    ControlServiceClient client =
        new ControlServiceClient(
            ControlServiceSettings.defaults(dribbling.url("/api")).withCheckDeadline(DEADLINE),
            Clock.systemUTC(),
            controlService.time());

    assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
        .isInstanceOf(CheckTimeoutException.class)
        .hasMessage("The control-service check did not answer within 2000 ms.");

    assertThat(dribbling.hungUp().await(HANG_UP_WITHIN_SECONDS, TimeUnit.SECONDS))
        .as("the check's thread stopped reading the dribbled answer")
        .isTrue();
  }

  @Test
  void aDribbledTokenExchangeNeitherOutlivesItsCheckNorHoldsUpTheNextOne()
      throws InterruptedException {
    ControlServiceClient client =
        new ControlServiceClient(
            controlService.settings()
                .withApiToken("api-token", dribbling.url("/oauth/token"))
                .withCheckDeadline(DEADLINE),
            Clock.systemUTC(),
            controlService.time());

    assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
        .isInstanceOf(CheckTimeoutException.class)
        .hasMessage("The control-service check did not answer within 2000 ms.");
    assertThat(dribbling.hungUp().await(HANG_UP_WITHIN_SECONDS, TimeUnit.SECONDS))
        .as("the first check's thread stopped reading the dribbled token answer")
        .isTrue();

    // Its own exchange, answered at once: nothing of the first check stands in its way.
    assertThat(client.activeExecutions(TEAM, JOB).count()).isZero();
    assertThat(dribbling.accepted()).isEqualTo(2);
  }
}

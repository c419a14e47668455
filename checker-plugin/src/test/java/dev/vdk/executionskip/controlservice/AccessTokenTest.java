package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API token is exchanged with the OAuth2 refresh_token grant and the access token sent as
 * Bearer token, reused until it expires. Executions calls here carry a token, so they are checked
 * against the OpenAPI description, security included.
 */
class AccessTokenTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  static final String API_TOKEN = "refresh+token/with&odd=chars";
  static final String ACCESS_TOKEN = "access-token-1";

  @BeforeEach
  void stubExecutions() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));
  }

  @AfterEach
  void executionsCallsConformToTheOpenApiDescription() {
    if (controlService.server().getAllServeEvents().stream()
        .anyMatch(event -> event.getRequest().getUrl().startsWith("/data-jobs"))) {
      OpenApiConformance.assertConforms(controlService.server(), OpenApiConformance.Security.REQUIRED);
    }
  }

  /** The stand-in's settings with a token. */
  private ControlServiceSettings settings() {
    return controlService.settings().withApiToken(API_TOKEN, URI.create(controlService.baseUrl() + "/oauth/token"));
  }

  @Test
  void exchangesTheApiTokenWithARefreshTokenGrantAndSendsTheAccessTokenAsBearer() {
    controlService.stubTokenEndpoint(ACCESS_TOKEN, 3600);

    controlService.client(settings()).activeExecutions(TEAM, JOB);

    controlService.server().verify(postRequestedFor(urlPathEqualTo("/oauth/token"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo(
            "grant_type=refresh_token&refresh_token=refresh%2Btoken%2Fwith%26odd%3Dchars")));
    controlService.server().verify(getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
  }

  @Test
  void reusesTheAccessTokenForASecondCheck() {
    controlService.stubTokenEndpoint(ACCESS_TOKEN, 3600);
    ControlServiceClient client = controlService.client(settings());

    client.activeExecutions(TEAM, JOB);
    controlService.time().advance(Duration.ofMinutes(10));
    client.activeExecutions(TEAM, JOB);

    controlService.server().verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
    controlService.server().verify(2, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
  }

  @Test
  void exchangesAgainOnceTheAccessTokenHasExpired() {
    controlService.stubTokenEndpoint(ACCESS_TOKEN, 3600);
    ControlServiceClient client = controlService.client(settings());
    client.activeExecutions(TEAM, JOB);

    controlService.stubTokenEndpoint("access-token-2", 3600);
    controlService.time().advance(Duration.ofSeconds(3600));
    client.activeExecutions(TEAM, JOB);

    controlService.server().verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
    controlService.server().verify(getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer access-token-2")));
  }

  @Test
  void neverReusesATokenThatCouldExpireWithinTheCheckDeadline() {
    controlService.stubTokenEndpoint(ACCESS_TOKEN, 3600);
    ControlServiceClient client = controlService.client(settings().withCheckDeadline(Duration.ofMinutes(5)));
    client.activeExecutions(TEAM, JOB);

    controlService.stubTokenEndpoint("access-token-2", 3600);
    // Four minutes left: more than the 30 s skew, less than the check may take.
    controlService.time().advance(Duration.ofSeconds(3600 - 240));
    client.activeExecutions(TEAM, JOB);

    controlService.server().verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
    controlService.server().verify(getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer access-token-2")));
  }

  @Test
  void sendsTheApiTokenItselfWhenThereIsNoTokenUrl() {
    controlService.client(controlService.settings().withApiToken(API_TOKEN, null)).activeExecutions(TEAM, JOB);

    controlService.server().verify(getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer " + API_TOKEN)));
  }

  @Test
  void sendsNoAuthorizationWithoutAnApiToken() {
    controlService.client(controlService.settings()).activeExecutions(TEAM, JOB);

    assertThat(controlService.server().getAllServeEvents().get(0).getRequest().containsHeader("Authorization"))
        .isFalse();
    controlService.server().resetRequests(); // no token configured: the spec's bearerAuth cannot be met
  }

  @Test
  void aRefusedExchangeIsAnErrorWithoutEitherToken() {
    controlService.server().stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"invalid_grant\", \"echo\": \"" + API_TOKEN + "\"}")));

    assertThatThrownBy(() -> controlService.client(settings()).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("could not be exchanged")
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining(API_TOKEN);
    controlService.server().verify(0, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH)));
  }

  @Test
  void anUnavailableTokenEndpointIsAskedOnceSoARotatedRefreshTokenIsNeverSpentTwice() {
    controlService.server().stubFor(post(urlPathEqualTo("/oauth/token"))
        .willReturn(aResponse().withStatus(503).withBody("try later")));

    assertThatThrownBy(() -> controlService.client(settings()).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("could not be exchanged")
        .hasMessageContaining("HTTP 503");
    controlService.server().verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
    controlService.server().verify(0, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH)));
    assertThat(controlService.time().sleeps()).isEmpty();
  }

  @Test
  void aTokenEndpointThatRefusesTheConnectionIsRetriedUpToTheConnectRetries() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    ControlServiceSettings settings =
        controlService.settings()
            .withApiToken(API_TOKEN, URI.create("http://127.0.0.1:" + deadPort + "/oauth/token"))
            .withCheckDeadline(Duration.ofMinutes(5));

    assertThatThrownBy(() -> controlService.client(settings).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("could not be exchanged");
    // The reference's default, written out: 6 connect retries.
    assertThat(controlService.time().sleeps()).hasSize(6);
  }

  @Test
  void aMalformedTokenAnswerIsAnErrorThatDoesNotQuoteIt() {
    controlService.server().stubFor(post(urlPathEqualTo("/oauth/token"))
        .willReturn(okJson("{\"access_token\": \"" + ACCESS_TOKEN + "\", ")));

    assertThatThrownBy(() -> controlService.client(settings()).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("not the JSON expected")
        .hasMessageNotContaining(ACCESS_TOKEN)
        .hasMessageNotContaining(API_TOKEN)
        .satisfies(e -> {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(ACCESS_TOKEN);
          }
        });
  }
}

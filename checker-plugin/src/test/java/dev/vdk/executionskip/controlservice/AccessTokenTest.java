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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API token is exchanged with the OAuth2 refresh_token grant and the access token sent as
 * Bearer token, reused until it expires. Executions calls here carry a token, so they are checked
 * against the OpenAPI description, security included.
 */
class AccessTokenTest extends ControlServiceFixture {

  static final String API_TOKEN = "refresh+token/with&odd=chars";
  static final String ACCESS_TOKEN = "access-token-1";

  @BeforeEach
  void stubExecutions() {
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));
  }

  @AfterEach
  void executionsCallsConformToTheOpenApiDescription() {
    if (server.getAllServeEvents().stream()
        .anyMatch(event -> event.getRequest().getUrl().startsWith("/data-jobs"))) {
      OpenApiConformance.assertConforms(server, OpenApiConformance.Security.REQUIRED);
    }
  }

  @Override
  ControlServiceSettings settings() {
    return super.settings().withApiToken(API_TOKEN, URI.create(baseUrl() + "/oauth/token"));
  }

  @Test
  void exchangesTheApiTokenWithARefreshTokenGrantAndSendsTheAccessTokenAsBearer() {
    stubTokenEndpoint(ACCESS_TOKEN, 3600);

    client(settings()).activeExecutions(TEAM, JOB);

    server.verify(postRequestedFor(urlPathEqualTo("/oauth/token"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo(
            "grant_type=refresh_token&refresh_token=refresh%2Btoken%2Fwith%26odd%3Dchars")));
    server.verify(getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
  }

  @Test
  void reusesTheAccessTokenForASecondCheck() {
    stubTokenEndpoint(ACCESS_TOKEN, 3600);
    ControlServiceClient client = client(settings());

    client.activeExecutions(TEAM, JOB);
    time.advance(Duration.ofMinutes(10));
    client.activeExecutions(TEAM, JOB);

    server.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
    server.verify(2, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
  }

  @Test
  void exchangesAgainOnceTheAccessTokenHasExpired() {
    stubTokenEndpoint(ACCESS_TOKEN, 3600);
    ControlServiceClient client = client(settings());
    client.activeExecutions(TEAM, JOB);

    stubTokenEndpoint("access-token-2", 3600);
    time.advance(Duration.ofSeconds(3600));
    client.activeExecutions(TEAM, JOB);

    server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
    server.verify(getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer access-token-2")));
  }

  @Test
  void neverReusesATokenThatCouldExpireWithinTheCheckDeadline() {
    stubTokenEndpoint(ACCESS_TOKEN, 3600);
    ControlServiceClient client = client(settings().withCheckDeadline(Duration.ofMinutes(5)));
    client.activeExecutions(TEAM, JOB);

    stubTokenEndpoint("access-token-2", 3600);
    // Four minutes left: more than the 30 s skew, less than the check may take.
    time.advance(Duration.ofSeconds(3600 - 240));
    client.activeExecutions(TEAM, JOB);

    server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
    server.verify(getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer access-token-2")));
  }

  @Test
  void sendsTheApiTokenItselfWhenThereIsNoTokenUrl() {
    client(super.settings().withApiToken(API_TOKEN, null)).activeExecutions(TEAM, JOB);

    server.verify(getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH))
        .withHeader("Authorization", equalTo("Bearer " + API_TOKEN)));
  }

  @Test
  void sendsNoAuthorizationWithoutAnApiToken() {
    client(super.settings()).activeExecutions(TEAM, JOB);

    assertThat(server.getAllServeEvents().get(0).getRequest().containsHeader("Authorization"))
        .isFalse();
    server.resetRequests(); // no token configured: the spec's bearerAuth cannot be met
  }

  @Test
  void aRefusedExchangeIsAnErrorWithoutEitherToken() {
    server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"invalid_grant\", \"echo\": \"" + API_TOKEN + "\"}")));

    assertThatThrownBy(() -> client(settings()).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("could not be exchanged")
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining(API_TOKEN);
    server.verify(0, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH)));
  }

  @Test
  void anUnavailableTokenEndpointIsAskedOnceSoARotatedRefreshTokenIsNeverSpentTwice() {
    server.stubFor(post(urlPathEqualTo("/oauth/token"))
        .willReturn(aResponse().withStatus(503).withBody("try later")));

    assertThatThrownBy(() -> client(settings()).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("could not be exchanged")
        .hasMessageContaining("HTTP 503");
    server.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
    server.verify(0, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH)));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aTokenEndpointThatRefusesTheConnectionIsRetriedUpToTheConnectRetries() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    ControlServiceSettings settings =
        super.settings()
            .withApiToken(API_TOKEN, URI.create("http://127.0.0.1:" + deadPort + "/oauth/token"))
            .withCheckDeadline(Duration.ofMinutes(5));

    assertThatThrownBy(() -> client(settings).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("could not be exchanged");
    assertThat(time.sleeps()).hasSize(ControlServiceSettings.DEFAULT_CONNECT_RETRIES);
  }

  @Test
  void aMalformedTokenAnswerIsAnErrorThatDoesNotQuoteIt() {
    server.stubFor(post(urlPathEqualTo("/oauth/token"))
        .willReturn(okJson("{\"access_token\": \"" + ACCESS_TOKEN + "\", ")));

    assertThatThrownBy(() -> client(settings()).activeExecutions(TEAM, JOB))
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

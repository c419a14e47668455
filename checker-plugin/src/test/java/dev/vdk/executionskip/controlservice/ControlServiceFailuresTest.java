package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static dev.vdk.executionskip.controlservice.StandInControlService.stackTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.executionskip.backend.CheckTimeoutException;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers and failures outside the OpenAPI description (5xx, redirects, HTML, oversized bodies,
 * dead ports, slow servers), so no conformance is checked here: these tests stub off-spec answers
 * on purpose.
 */
class ControlServiceFailuresTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  /** Sends every answer chunked, with no Content-Length to refuse it by. */
  @RegisterExtension static final StandInControlService chunked = StandInControlService.chunked();

  /** Where a redirect points: another host, as far as the token is concerned. */
  @RegisterExtension static final StandInControlService otherHost = new StandInControlService();

  @Test
  void retriesUnavailableTwiceWithGrowingWaitsAndActsOnTheThirdAnswer() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503))
        .willSetStateTo("second"));
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs("second").willReturn(aResponse().withStatus(503))
        .willSetStateTo("third"));
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs("third").willReturn(okJson("[{\"id\": \"other\"}]")));

    boolean running =
        new ConcurrentExecutionChecker(controlService.client(controlService.settings())).isJobExecutionRunning(JOB, TEAM, "me-x");

    assertThat(running).isTrue();
    assertThat(controlService.server().getAllServeEvents()).hasSize(3);
    assertThat(controlService.time().sleeps()).hasSize(2);
    assertThat(controlService.time().sleeps().get(1)).isGreaterThan(controlService.time().sleeps().get(0));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 401, 403, 404, 501})
  void otherErrorStatusesAreNotRetried(int status) {
    controlService.server().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(status).withBody("nope")));

    assertThatThrownBy(() -> controlService.client(controlService.settings()).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("HTTP " + status)
        .hasMessageContaining("nope");
    assertThat(controlService.server().getAllServeEvents()).hasSize(1);
    assertThat(controlService.time().sleeps()).isEmpty();
  }

  @Test
  void keepsRetryingUnavailableOnlyUpToTheTotalRetries() {
    controlService.server().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(502).withBody("gateway")));

    assertThatThrownBy(() -> controlService.client(controlService.settings().withRetries(6, 6, 3)).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("HTTP 502");
    assertThat(controlService.server().getAllServeEvents()).hasSize(4);
  }

  @Test
  void retriesARefusedConnectionUpToTheConnectRetries() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("http://127.0.0.1:" + deadPort))
            .withCheckDeadline(Duration.ofMinutes(5));

    assertThatThrownBy(() -> controlService.client(settings).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("Connection refused");
    // The reference's default, written out: 6 connect retries.
    assertThat(controlService.time().sleeps()).hasSize(6);
  }

  @ParameterizedTest(name = "deadline {0} ms")
  @ValueSource(longs = {300_000, 600})
  void credentialsInTheUrlAppearInNoMessageNorCause(long deadlineMillis) throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    // 600 ms lets one 500 ms wait pass, then stops retrying before the 1 s one.
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(
                URI.create("http://alice:hunter2pw@127.0.0.1:" + deadPort + "/api?key=qsecret"))
            .withCheckDeadline(Duration.ofMillis(deadlineMillis));

    assertThatThrownBy(() -> controlService.client(settings).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("127.0.0.1:" + deadPort + "/api")
        .satisfies(e -> assertThat(stackTrace(e))
            .contains("ConnectException")
            .doesNotContain("hunter2pw")
            .doesNotContain("alice")
            .doesNotContain("qsecret"));
  }

  @Test
  void aServerSlowerThanTheDeadlineFailsTheCheckAtTheDeadline() {
    controlService.server().stubFor(get(anyUrl()).willReturn(okJson("[]").withFixedDelay(10_000)));
    Duration deadline = Duration.ofSeconds(1);
    ControlServiceClient client =
        new ControlServiceClient(
            controlService.settings().withCheckDeadline(deadline), Clock.systemUTC(), controlService.time());

    long started = System.nanoTime();
    assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
        .isInstanceOf(CheckTimeoutException.class)
        .hasMessage("The control-service check did not answer within 1000 ms.");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(deadline.plusSeconds(3));
  }

  @Test
  void malformedJsonIsAnErrorQuotingTheAnswer() {
    controlService.server().stubFor(get(anyUrl()).willReturn(okJson("[{\"id\": \"x\",")));

    assertThatThrownBy(() -> controlService.client(controlService.settings()).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("GET " + EXECUTIONS_PATH)
        .hasMessageContaining("HTTP 200")
        .hasMessageContaining("not the JSON expected")
        .hasMessageContaining("[{\"id\": \"x\",");
  }

  @Test
  void anHtmlPageIsAnErrorNamingItsContentType() {
    controlService.server().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html")
        .withBody("<html><body>\n<h1>Sign in</h1>\n</body></html>")));

    assertThatThrownBy(() -> controlService.client(controlService.settings()).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("text/html")
        .hasMessageContaining("<html><body> <h1>Sign in</h1> </body></html>");
  }

  @Test
  void refusesAnAnswerWhoseContentLengthExceedsTheCap() {
    String body = "[" + "{\"id\": \"x\"},".repeat(200) + "{\"id\": \"y\"}]";
    controlService.server().stubFor(get(anyUrl()).willReturn(okJson(body)
        .withHeader("Content-Length", String.valueOf(body.length()))));

    assertThatThrownBy(() -> controlService.client(controlService.settings().withMaxAnswerBytes(1000)).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("announces " + body.length() + " bytes")
        .hasMessageContaining("1000 bytes allowed");
  }

  @Test
  void cutsOffAChunkedAnswerAtTheCap() {
    String body = "[" + "{\"id\": \"x\"},".repeat(2000) + "{\"id\": \"y\"}]";
    chunked.server().stubFor(get(anyUrl()).willReturn(okJson(body)));

    assertThatThrownBy(() -> chunked.client(chunked.settings().withMaxAnswerBytes(1000)).activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("goes on past the cap")
        .hasMessageContaining("1000 bytes allowed");
  }

  @Test
  void doesNotFollowARedirectSoTheTokenNeverReachesTheOtherHost() {
    otherHost.server().stubFor(get(anyUrl()).willReturn(okJson("[]")));
    controlService.server().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://localhost:" + otherHost.server().port() + EXECUTIONS_PATH)));

    assertThatThrownBy(
            () -> controlService.client(controlService.settings().withApiToken("api-token-value", null))
                .activeExecutions(TEAM, JOB))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("HTTP 302")
        .hasMessageContaining("host localhost")
        .hasMessageNotContaining("api-token-value");
    otherHost.server().verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anEmptyTeamOrJobNameIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> controlService.client(controlService.settings()).activeExecutions("", JOB))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(controlService.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void aListOfExecutionsWithoutIdsCannotBeDecidedAndSaysSo() {
    List<DataJobExecution> noId = List.of(DataJobExecution.withId(null));

    assertThatThrownBy(() -> ConcurrentExecutionChecker.anotherExecutionRunning(noId, "me"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without an id");
  }
}

package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.vdk.executionskip.BoundedCheck;
import dev.vdk.executionskip.backend.CheckTimeoutException;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import feign.Client;
import feign.DefaultClient;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One client serves every check of a backend; what belongs to one check (its operation id, its
 * access token when the token endpoint gives no expiry, its retry counts, its deadline) is passed
 * down as parameters and must not reach the next, even when a check is stuck past its deadline.
 */
class ChecksShareNothingTest {

  private static final ExecutionRequest ME = new ExecutionRequest(TEAM, JOB, "me-1", "me-1-abcde");

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  @Test
  void eachCheckSendsOneOperationIdOfItsOwnOnAllItsRequestsAndExchangesItsOwnToken() {
    stubTokenEndpointWithoutExpiry();
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));
    ControlServiceClient client = controlService.client(controlService.settings().withApiToken("api-token", controlService.tokenUrl()));

    client.activeExecutions(TEAM, JOB);
    client.activeExecutions(TEAM, JOB);

    // Without expires_in a token serves its check only, so each check exchanges again.
    List<String> opids =
        new ArrayList<>(
            controlService.server().getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .map(request -> request.getMethod() + " " + request.getHeader("X-OPID"))
                .toList());
    // WireMock lists the newest request first.
    Collections.reverse(opids);
    assertThat(opids).hasSize(4);
    String first = opids.get(0).substring(5);
    String second = opids.get(2).substring(5);
    assertThat(first).isNotEqualTo(second);
    assertThat(opids)
        .containsExactly("POST " + first, "GET " + first, "POST " + second, "GET " + second);
  }

  @Test
  void aRetryWithinACheckDoesNotRepeatTheTokenExchange() {
    stubTokenEndpointWithoutExpiry();
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503))
        .willSetStateTo("up"));
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs("up").willReturn(okJson("[]")));

    controlService.client(controlService.settings().withApiToken("api-token", controlService.tokenUrl())).activeExecutions(TEAM, JOB);

    controlService.server().verify(1, postRequestedFor(urlPathEqualTo(controlService.tokenUrl().getPath())));
    controlService.server().verify(2, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH)));
  }

  @Test
  void everyCheckStartsWithItsFullRetries() {
    controlService.server().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));
    ControlServiceClient client = controlService.client(controlService.settings().withRetries(3, 3, 1));

    for (int check = 0; check < 2; check++) {
      assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
          .isInstanceOf(ControlServiceException.class)
          .hasMessageContaining("HTTP 503");
    }

    assertThat(controlService.server().getAllServeEvents()).hasSize(4);
  }

  @Test
  void aCheckStuckPastItsDeadlineDoesNotDelayTheNextOne() throws Exception {
    controlService.answerExecutions(okJson("[]"));
    StuckOnFirstRequest stuckOnce = new StuckOnFirstRequest(new DefaultClient(null, null));
    Duration deadline = Duration.ofMillis(500);
    ControlServiceBackend backend =
        new ControlServiceBackend(
            new ControlServiceClient(
                controlService.settings().withCheckDeadline(deadline), Clock.systemUTC(), controlService.time(), stuckOnce),
            false);
    try {
      // As the plugin checks: on a thread of its own, given up at the deadline.
      assertThatThrownBy(() -> new BoundedCheck(deadline).decide(backend, ME))
          .isInstanceOf(CheckTimeoutException.class)
          .hasMessage("The control-service check did not answer within 500 ms.");
      assertThat(stuckOnce.entered.await(30, TimeUnit.SECONDS)).as("the first check reached the server").isTrue();

      long started = System.nanoTime();
      assertThat(new BoundedCheck(deadline).decide(backend, ME).runs()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(deadline);
      assertThat(stuckOnce.returned).as("the first check's request, still stuck when the next one ran").isFalse();
    } finally {
      stuckOnce.release.countDown();
    }
  }

  @Test
  void aCheckWaitsForAnotherChecksTokenExchangeOnlyUntilItsOwnDeadlineAndSaysSo() throws Exception {
    stubTokenEndpointWithoutExpiry();
    controlService.answerExecutions(okJson("[]"));
    StuckOnFirstRequest stuckOnce = new StuckOnFirstRequest(new DefaultClient(null, null));
    Duration deadline = Duration.ofMillis(500);
    ControlServiceClient client =
        new ControlServiceClient(
            controlService.settings()
                .withApiToken("api-token", controlService.tokenUrl())
                .withCheckDeadline(deadline),
            Clock.systemUTC(),
            controlService.time(),
            stuckOnce);
    try {
      // The first check's exchange is stuck where no deadline reaches it, holding the exchange.
      assertThatThrownBy(() -> new BoundedCheck(deadline).decide(new ControlServiceBackend(client, false), ME))
          .isInstanceOf(CheckTimeoutException.class);
      assertThat(stuckOnce.entered.await(30, TimeUnit.SECONDS)).as("the first check reached the token endpoint").isTrue();

      assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
          .isInstanceOf(CheckTimeoutException.class)
          .hasMessage("The control-service check did not answer within 500 ms.")
          .cause()
          .hasMessageContaining("waiting for another check of this client to finish exchanging the API token");
      assertThat(stuckOnce.returned).as("the first check's exchange, still stuck").isFalse();
    } finally {
      stuckOnce.release.countDown();
    }
  }

  private void stubTokenEndpointWithoutExpiry() {
    controlService.server().stubFor(post(urlPathEqualTo(controlService.tokenUrl().getPath())).willReturn(okJson(
        "{\"access_token\": \"access-token\", \"token_type\": \"bearer\"}")));
  }

  /**
   * Blocks its first request, ignoring interrupts, until released: a call no deadline can end. It
   * says when that request came in and whether it has come back.
   */
  private static final class StuckOnFirstRequest implements Client {
    private final Client delegate;
    private final AtomicBoolean first = new AtomicBoolean(true);
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean returned = new AtomicBoolean();

    StuckOnFirstRequest(Client delegate) {
      this.delegate = delegate;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
      if (first.getAndSet(false)) {
        entered.countDown();
        awaitUninterruptibly(release);
        returned.set(true);
      }
      return delegate.execute(request, options);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
      while (true) {
        try {
          latch.await();
          return;
        } catch (InterruptedException ignored) {
          // Stuck on purpose: like a socket read that an interrupt does not end.
        }
      }
    }
  }
}

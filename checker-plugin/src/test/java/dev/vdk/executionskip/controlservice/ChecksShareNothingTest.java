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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One client builds its Feign targets once and reuses its threads across checks; what belongs to
 * one check (its operation id, its access token when the token endpoint gives no expiry, its retry
 * counts, its deadline) must not reach the next.
 */
class ChecksShareNothingTest extends ControlServiceFixture {

  @Test
  void eachCheckSendsOneOperationIdOfItsOwnOnAllItsRequestsAndExchangesItsOwnToken() {
    stubTokenEndpointWithoutExpiry();
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));
    ControlServiceClient client = client(settings().withApiToken("api-token", tokenUrl()));

    client.activeExecutions(TEAM, JOB);
    client.activeExecutions(TEAM, JOB);

    // Without expires_in a token serves its check only, so each check exchanges again.
    List<String> opids =
        new ArrayList<>(
            server.getAllServeEvents().stream()
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
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503))
        .willSetStateTo("up"));
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs("up").willReturn(okJson("[]")));

    client(settings().withApiToken("api-token", tokenUrl())).activeExecutions(TEAM, JOB);

    server.verify(1, postRequestedFor(urlPathEqualTo(tokenUrl().getPath())));
    server.verify(2, getRequestedFor(urlPathEqualTo(EXECUTIONS_PATH)));
  }

  @Test
  void everyCheckStartsWithItsFullRetries() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));
    ControlServiceClient client = client(settings().withRetries(3, 3, 1));

    for (int check = 0; check < 2; check++) {
      assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
          .isInstanceOf(ControlServiceException.class)
          .hasMessageContaining("HTTP 503");
    }

    assertThat(server.getAllServeEvents()).hasSize(4);
  }

  @Test
  void aCheckStuckPastItsDeadlineDoesNotDelayTheNextOne() {
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));
    CountDownLatch release = new CountDownLatch(1);
    Client stuckOnce = new StuckOnFirstRequest(new DefaultClient(null, null), release);
    Duration deadline = Duration.ofMillis(500);
    ControlServiceClient client =
        new ControlServiceClient(
            settings().withCheckDeadline(deadline), Clock.systemUTC(), time, stuckOnce);
    try {
      assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
          .isInstanceOf(ControlServiceException.class)
          .hasMessageContaining("deadline");

      long started = System.nanoTime();
      assertThat(client.activeExecutions(TEAM, JOB).count()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(deadline);
      assertThat(release.getCount()).as("the first check is still stuck").isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aCheckWaitsForAnotherChecksTokenExchangeOnlyUntilItsOwnDeadlineAndSaysSo() {
    stubTokenEndpointWithoutExpiry();
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));
    CountDownLatch release = new CountDownLatch(1);
    Client stuckOnce = new StuckOnFirstRequest(new DefaultClient(null, null), release);
    ControlServiceClient client =
        new ControlServiceClient(
            settings()
                .withApiToken("api-token", tokenUrl())
                .withCheckDeadline(Duration.ofMillis(500)),
            Clock.systemUTC(),
            time,
            stuckOnce);
    try {
      // The first check's exchange is stuck where no deadline reaches it.
      assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
          .isInstanceOf(ControlServiceException.class)
          .hasMessageContaining("deadline");

      assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
          .isInstanceOf(ControlServiceException.class)
          .hasMessageContaining("deadline")
          .hasMessageContaining("waiting for another check of this client to finish exchanging");
    } finally {
      release.countDown();
    }
  }

  private void stubTokenEndpointWithoutExpiry() {
    server.stubFor(post(urlPathEqualTo(tokenUrl().getPath())).willReturn(okJson(
        "{\"access_token\": \"access-token\", \"token_type\": \"bearer\"}")));
  }

  /** Blocks its first request, ignoring interrupts, until released: a call no deadline can end. */
  private static final class StuckOnFirstRequest implements Client {
    private final Client delegate;
    private final CountDownLatch release;
    private final AtomicBoolean first = new AtomicBoolean(true);

    StuckOnFirstRequest(Client delegate, CountDownLatch release) {
      this.delegate = delegate;
      this.release = release;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
      if (first.getAndSet(false)) {
        boolean released = false;
        while (!released) {
          try {
            release.await();
            released = true;
          } catch (InterruptedException ignored) {
            // Stuck on purpose: like a socket read that an interrupt does not end.
          }
        }
      }
      return delegate.execute(request, options);
    }
  }
}

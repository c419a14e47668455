package dev.vdk.executionskip.controlservice;

import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.executionskip.BoundedCheck;
import dev.vdk.executionskip.FakeTime;
import dev.vdk.executionskip.backend.CheckTimeoutException;
import dev.vdk.executionskip.backend.ExecutionRequest;
import feign.Client;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A check that runs out of time fails with one error and one message, whichever timer notices
 * first: a socket timeout that the deadline cut short, the deadline passing between reads, or the
 * plugin giving up on the check's thread. Before, a read cut short by the deadline surfaced as
 * "stopped retrying ... Read timed out", and which of the two messages a run logged depended on
 * which timer fired first.
 */
class OneTimeoutErrorTest {

  private static final String MESSAGE = "The control-service check did not answer within 1000 ms.";

  private final FakeTime time = new FakeTime();
  private final ControlServiceSettings settings =
      ControlServiceSettings.defaults(URI.create("http://127.0.0.1:9")).withCheckDeadline(Duration.ofSeconds(1));

  /**
   * A server that never answers in time: the attempt waits out the timeout it was given, cut to
   * the time the deadline left, and the socket reports it as HttpURLConnection does.
   */
  private Client timesOut(String socketMessage) {
    return (request, options) -> {
      long waited = socketMessage.startsWith("connect") ? options.connectTimeoutMillis() : options.readTimeoutMillis();
      time.advance(Duration.ofMillis(waited));
      throw new SocketTimeoutException(socketMessage);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Read timed out", "connect timed out"})
  void aTimeoutTheDeadlineCutShortIsTheDeadlinesError(String socketMessage) {
    ControlServiceClient client = new ControlServiceClient(settings, time, time, timesOut(socketMessage));

    assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
        .isInstanceOf(CheckTimeoutException.class)
        .hasMessage(MESSAGE)
        .hasRootCauseMessage("java.net.SocketTimeoutException: " + socketMessage);
    assertThat(time.sleeps()).as("no retry was even tried").isEmpty();
  }

  @Test
  void theCheckGivenUpOnByThePluginFailsWithTheSameMessage() {
    CountDownLatch never = new CountDownLatch(1);
    Client ignoresItsTimeouts = (request, options) -> {
      try {
        never.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new SocketTimeoutException("Read timed out");
    };
    ControlServiceBackend backend =
        new ControlServiceBackend(new ControlServiceClient(settings, time, time, ignoresItsTimeouts), false);

    try {
      assertThatThrownBy(
              () -> new BoundedCheck(Duration.ofSeconds(1)).decide(backend, new ExecutionRequest(TEAM, JOB, "e", "e-abcde")))
          .isInstanceOf(CheckTimeoutException.class)
          .hasMessage(MESSAGE);
    } finally {
      never.countDown();
    }
  }
}

package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Request;
import feign.RetryableException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An attempt whose timeout was cut to the end of the check's deadline times out at the same moment
 * as the plugin's own timer. Whichever fires first, the run must say the same thing: that the check
 * did not answer within its deadline, naming it.
 */
class TimeoutAtTheDeadlineTest {

  private static final Request REQUEST =
      Request.create(
          Request.HttpMethod.GET, "http://127.0.0.1:9/data-jobs", Map.of(), null, StandardCharsets.UTF_8, null);

  @Test
  void aTimeoutThatLeavesNoRoomForAnotherAttemptSaysTheDeadlineWasReached() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
    CallDeadline deadline = new CallDeadline(clock, Duration.ofMillis(1000));
    ControlServiceRetryer retryer =
        new ControlServiceRetryer(
            ControlServiceSettings.defaults(URI.create("http://127.0.0.1:9")), duration -> {}, deadline, false);
    // Two attempts cut short: the backoff before the third (1 s) no longer fits in the 1 s budget.
    RetryableException timedOut =
        new RetryableException(
            -1, "Connect timed out", Request.HttpMethod.GET, new SocketTimeoutException("Connect timed out"), (Long) null, REQUEST);
    retryer.continueOrPropagate(timedOut);

    assertThatThrownBy(() -> retryer.continueOrPropagate(timedOut))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("did not answer within 1000 ms");
  }
}

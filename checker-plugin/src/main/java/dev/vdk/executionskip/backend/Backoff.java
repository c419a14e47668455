package dev.vdk.executionskip.backend;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to pause before asking again: {@code first}, doubling after each pause, never more
 * than {@code longest}. One policy, {@link #STANDARD}, serves both the retries of a failed request
 * and the polls of the wait policy.
 */
public record Backoff(Duration first, Duration longest) {

  /** 0.5 s, 1 s, 2 s, 4 s, then 8 s every time: the reference client's retry backoff. */
  public static final Backoff STANDARD = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(longest, "longest");
  }

  /** The pause before asking again after {@code pausesSoFar} pauses. */
  public Duration pause(int pausesSoFar) {
    Duration pause = first.multipliedBy(1L << Math.min(Math.max(pausesSoFar, 0), 20));
    return pause.compareTo(longest) > 0 ? longest : pause;
  }
}

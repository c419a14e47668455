package dev.vdk.executionskip.controlservice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time one check may still spend, shared by everything the check does (token exchange, each
 * attempt, each back-off), and what it is spending it on, so that a check cut off by its deadline
 * can say what it was waiting for.
 */
final class CallDeadline {

  private final Clock clock;
  private final Duration budget;
  private final Instant end;
  private volatile String activity = "starting";

  CallDeadline(Clock clock, Duration budget) {
    this.clock = clock;
    this.budget = budget;
    this.end = clock.instant().plus(budget);
  }

  /** The time left; zero once the deadline has passed. */
  Duration remaining() {
    Duration left = Duration.between(clock.instant(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }

  boolean allows(Duration wait) {
    return wait.compareTo(remaining()) < 0;
  }

  /** Records what the check is doing now, in words that complete "while ...". */
  void doing(String what) {
    activity = what;
  }

  /** Throws {@link #exceeded()} when no time is left. */
  void check() {
    if (remaining().isZero()) {
      throw exceeded();
    }
  }

  ControlServiceException exceeded() {
    return exceeded(null);
  }

  /** In the words the plugin uses when its own timer fires first, so a timeout reads the same either way. */
  ControlServiceException exceeded(Throwable cause) {
    return new ControlServiceException(
        "The Control Service check did not answer within " + budget.toMillis() + " ms (its deadline);"
            + " it was " + activity + ".",
        -1,
        cause);
  }
}

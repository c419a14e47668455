package dev.vdk.executionskip.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The moment by which a check must have answered: a budget measured from when the check started.
 * One value per check, passed as a parameter to everything that may block on its behalf (the
 * thread that waits for the check, each HTTP attempt, each read of an answer, each pause between
 * retries), so every one of them stops at the same moment and fails with the same {@link
 * #exceeded error}.
 *
 * @param end when the budget is spent
 * @param budget how long the check was given, as the error names it
 * @param clock the clock {@code end} is measured with
 */
public record Deadline(Instant end, Duration budget, Clock clock) {

  public Deadline {
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(clock, "clock");
  }

  /** A deadline {@code budget} from now. */
  public static Deadline after(Duration budget, Clock clock) {
    return new Deadline(clock.instant().plus(budget), budget, clock);
  }

  /** The time left; zero once the deadline has passed. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean passed() {
    return remaining().isZero();
  }

  /** Whether a pause of {@code pause} ends before the deadline, leaving time for what follows it. */
  public boolean allows(Duration pause) {
    return pause.compareTo(remaining()) < 0;
  }

  /**
   * The error of a check that ran out of time. Its message names only the check and the budget,
   * so it reads the same whichever timer noticed first; what the check was doing goes in {@code
   * cause}.
   *
   * @param check the backend's name, e.g. {@code control-service}
   * @param cause what was cut short, or null
   */
  public CheckTimeoutException exceeded(String check, Throwable cause) {
    return new CheckTimeoutException(
        "The " + check + " check did not answer within " + budget.toMillis() + " ms.",
        cause);
  }
}

package dev.vdk.executionskip;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Sleeper;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The wait policy ({@code EXECUTION_SKIP_WAIT_SECONDS}) as a decorator around any backend: while
 * another execution holds the job and the wait is not over, ask again with a backoff that doubles
 * from half a second up to ten; run as soon as the way is clear, skip when the wait is over.
 */
final class WaitingBackend implements ExecutionBackend {
  private static final System.Logger LOG = System.getLogger(WaitingBackend.class.getName());
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

  private final ExecutionBackend backend;
  private final Duration maxWait;
  private final Clock clock;
  private final Sleeper sleeper;

  WaitingBackend(ExecutionBackend backend, Duration maxWait, Clock clock, Sleeper sleeper) {
    this.backend = backend;
    this.maxWait = maxWait;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public Decision tryAcquire(ExecutionRequest request) throws Exception {
    Instant end = clock.instant().plus(maxWait);
    Duration pause = FIRST_PAUSE;
    while (true) {
      Decision decision = backend.tryAcquire(request);
      if (decision.runs() || maxWait.isZero()) {
        return decision;
      }
      Duration left = Duration.between(clock.instant(), end);
      if (left.isNegative() || left.isZero()) {
        return decision.withReason(
            decision.reason() + " It was still running after waiting " + maxWait.toSeconds() + " s.");
      }
      Duration nap = pause.compareTo(left) < 0 ? pause : left;
      LOG.log(
          Level.INFO,
          "Job " + request.jobName() + " of team " + request.team() + " (attempt " + request.attemptId()
              + ") waits " + nap.toMillis() + " ms for execution "
              + decision.conflictingExecutionId().orElse("(unknown)") + " to end; "
              + left.toSeconds() + " s of the wait are left.");
      sleeper.sleep(nap);
      pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
    }
  }
}

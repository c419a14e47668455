package dev.vdk.executionskip;

import dev.vdk.api.Redactor;
import dev.vdk.executionskip.backend.Backoff;
import dev.vdk.executionskip.backend.Deadline;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Sleeper;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The wait policy ({@code EXECUTION_SKIP_WAIT_SECONDS}) as a decorator around any backend: while
 * another execution holds the job and the wait is not over, ask again after the pauses of {@link
 * Backoff#STANDARD}, the same as a failed request's retries; run as soon as the way is clear, skip
 * when the wait is over.
 *
 * <p>Once a poll has seen another execution in the way, a later failed poll or an interrupted pause
 * ends the run as Skipped too, naming the execution last seen: the error policy is for a check that
 * never got an answer, not for one that already knows another execution is running.
 */
final class WaitingBackend implements ExecutionBackend {

  private final ExecutionBackend backend;
  private final Duration maxWait;
  private final Clock clock;
  private final Sleeper sleeper;
  private final PluginLog log;

  /**
   * @param redactor the run's: the lines quote outside ids and failures, which may echo a secret
   */
  WaitingBackend(ExecutionBackend backend, Duration maxWait, Clock clock, Sleeper sleeper, Redactor redactor) {
    this.backend = backend;
    this.maxWait = maxWait;
    this.clock = clock;
    this.sleeper = sleeper;
    this.log = new PluginLog(WaitingBackend.class, redactor);
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public Decision tryAcquire(ExecutionRequest request) throws Exception {
    return tryAcquire(request, new ConflictSeen());
  }

  /**
   * As {@link #tryAcquire(ExecutionRequest)}, recording every execution seen in the way in {@code
   * seen}, so that a caller that stops waiting (at the check's deadline) can still skip naming it.
   */
  Decision tryAcquire(ExecutionRequest request, ConflictSeen seen) throws Exception {
    Deadline waitEnds = Deadline.after(maxWait, clock);
    for (int pauses = 0; ; pauses++) {
      Decision decision;
      try {
        decision = backend.tryAcquire(request);
      } catch (Exception | LinkageError e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        Optional<Decision> skip = seen.skipBecause("the " + backend.name() + " check failed: " + describe(e));
        if (skip.isEmpty()) {
          throw e;
        }
        log.log(
            Level.WARNING,
            "A poll for job " + request.jobName() + " of team " + request.team() + " (attempt "
                + request.attemptId() + ") failed after execution "
                + skip.get().conflictingExecutionId().orElse("(unknown)")
                + " was seen running, so the run is skipped: " + describe(e));
        return skip.get();
      }
      if (decision.runs() || maxWait.isZero()) {
        return decision;
      }
      seen.record(decision);
      Duration left = waitEnds.remaining();
      if (left.isZero()) {
        return seen.skipBecause("it was still running after waiting " + maxWait.toSeconds() + " s")
            .orElseThrow();
      }
      Duration pause = Backoff.STANDARD.pause(pauses);
      Duration nap = pause.compareTo(left) < 0 ? pause : left;
      log.log(
          Level.INFO,
          "Job " + request.jobName() + " of team " + request.team() + " (attempt " + request.attemptId()
              + ") waits " + nap.toMillis() + " ms for execution "
              + decision.conflictingExecutionId().orElse("(unknown)") + " to end; "
              + left.toSeconds() + " s of the wait are left.");
      try {
        sleeper.sleep(nap);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return seen.skipBecause("the pause between polls was interrupted").orElseThrow();
      }
    }
  }

  private static String describe(Throwable failure) {
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }
}

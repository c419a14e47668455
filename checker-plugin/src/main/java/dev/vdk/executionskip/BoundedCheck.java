package dev.vdk.executionskip;

import dev.vdk.executionskip.backend.CheckTimeoutException;
import dev.vdk.executionskip.backend.Deadline;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds a job's start for at most a deadline, whatever a backend's own timeouts and retries say.
 * The check runs on a daemon thread, the only thread it hops to; when the {@link Deadline} passes
 * the caller gets its {@link CheckTimeoutException} and the thread is interrupted. Should the
 * abandoned check still acquire something afterwards, it is released at once, so a late lock
 * never blocks the next execution.
 *
 * <p>With the wait policy, a check that already saw another execution in the way is not a failed
 * check when the deadline passes (or the caller is interrupted) while it waits: the run is skipped,
 * naming that execution.
 */
public final class BoundedCheck {
  private static final Object ABANDONED = new Object();

  private final Duration budget;
  private final Clock clock;

  /**
   * A check of at most {@code budget}, measured with the system clock.
   *
   * @throws IllegalArgumentException when {@code budget} is not positive or does not fit in
   *     milliseconds; found here, before any check thread starts
   */
  public BoundedCheck(Duration budget) {
    this(budget, Clock.systemUTC());
  }

  /** As {@link #BoundedCheck(Duration)}, measured with {@code clock}. */
  public BoundedCheck(Duration budget, Clock clock) {
    long millis;
    try {
      millis = budget.toMillis();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("A check deadline of " + budget + " does not fit in milliseconds.", e);
    }
    if (millis <= 0) {
      throw new IllegalArgumentException("A check deadline must be at least 1 ms, not " + budget + ".");
    }
    this.budget = budget;
    this.clock = clock;
  }

  public Decision decide(ExecutionBackend backend, ExecutionRequest request) throws Exception {
    return decide(backend.name(), () -> backend.tryAcquire(request), new ConflictSeen());
  }

  /**
   * Polls through {@code backend} until it decides or the deadline passes; {@code seen} is where
   * the polls record what they saw, read here when this caller stops waiting.
   */
  Decision decide(WaitingBackend backend, ExecutionRequest request, ConflictSeen seen) throws Exception {
    return decide(backend.name(), () -> backend.tryAcquire(request, seen), seen);
  }

  private Decision decide(String backendName, Callable<Decision> check, ConflictSeen seen) throws Exception {
    Deadline deadline = Deadline.after(budget, clock);
    // Holds the decision, or ABANDONED once the caller stopped waiting; whoever comes second
    // knows what to do with the lease.
    AtomicReference<Object> handoff = new AtomicReference<>();
    FutureTask<Decision> task =
        new FutureTask<>(
            () -> {
              Decision decision = check.call();
              if (!handoff.compareAndSet(null, decision)) {
                decision.lease().close();
              }
              return decision;
            });
    Thread thread = new Thread(task, "vdk-execution-skip-check");
    thread.setDaemon(true);
    thread.start();
    try {
      // convert saturates where Duration.toNanos would overflow (budgets beyond 292 years).
      return task.get(TimeUnit.NANOSECONDS.convert(deadline.remaining()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (!handoff.compareAndSet(null, ABANDONED)) {
        return (Decision) handoff.get();
      }
      thread.interrupt();
      return seen.skipBecause("the check's deadline of " + budget.toMillis() + " ms passed")
          .orElseThrow(() -> deadline.exceeded(backendName, null));
    } catch (InterruptedException e) {
      // The caller gives up as at the deadline: whatever the check acquires later is released.
      if (!handoff.compareAndSet(null, ABANDONED)) {
        ((Decision) handoff.get()).lease().close();
      }
      thread.interrupt();
      Thread.currentThread().interrupt();
      Optional<Decision> skip = seen.skipBecause("the check was interrupted");
      if (skip.isPresent()) {
        return skip.get();
      }
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw e;
    }
  }
}

package dev.vdk.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a run is told while it runs, one per run, shared by its plugins and steps and safe to use
 * from any thread. A plugin that learns that the run must not go on (for example, that the lock
 * guarding it is lost) calls {@link #requestStop(String)}; the runtime then starts no further step
 * and ends the run as {@link ExecutionStatus#PLATFORM_ERROR} with the reason in its message. A long
 * step may poll {@link #stopRequested()}, or wait on {@link #awaitStop(Duration)} instead of
 * sleeping, and return early.
 *
 * <p>It also carries the run's <b>fencing token</b>, when the guard that let the run start hands
 * one out: a number that grows with every execution of the job that the guard lets run, and is
 * never handed out twice. A job that writes to a store of its own passes it along with each write
 * (or commit), and the store refuses a write whose token is lower than the highest it has already
 * accepted: that is what keeps a run that lost its lock, and carried on regardless (a long pause,
 * a frozen machine), from overwriting the work of the run that took over.
 */
public final class RunControl {
  private final AtomicReference<String> stopReason = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<Long> fencingToken = new AtomicReference<>();

  /**
   * Asks the run to stop before its next step. The first reason given is the one reported; later
   * requests change nothing.
   *
   * @param reason a sentence saying why, for the run's message and log
   */
  public void requestStop(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (stopReason.compareAndSet(null, reason)) {
      stopped.countDown();
    }
  }

  /** Whether a stop was requested. */
  public boolean stopRequested() {
    return stopReason.get() != null;
  }

  /** Why the run was asked to stop, or empty when it was not. */
  public Optional<String> stopReason() {
    return Optional.ofNullable(stopReason.get());
  }

  /**
   * Waits until a stop is requested or the timeout passes, whichever comes first.
   *
   * @return true when a stop was requested
   */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Records the run's fencing token; called by the guard that let the run start, before any step
   * runs. A token is given once: a second, different one would mean two guards disagree about
   * which execution this is, and is refused.
   *
   * @throws IllegalStateException when another token was given already
   */
  public void grantFencingToken(long token) {
    if (!fencingToken.compareAndSet(null, token) && fencingToken.get() != token) {
      throw new IllegalStateException(
          "This run already has fencing token " + fencingToken.get() + "; it cannot also have " + token + ".");
    }
  }

  /**
   * The run's fencing token, or empty when the guard hands none out (the check is off, the run is
   * not guarded, or its backend has no tokens).
   */
  public OptionalLong fencingToken() {
    Long token = fencingToken.get();
    return token == null ? OptionalLong.empty() : OptionalLong.of(token);
  }
}

package dev.vdk.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 */
public final class RunControl {
  private final AtomicReference<String> stopReason = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

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
}

package dev.vdk.executionskip;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds a job's start for at most a deadline, whatever a backend's own timeouts and retries say.
 * The check runs on a daemon thread; when the deadline passes the caller gets a {@link
 * CheckTimeoutException} and the thread is interrupted. Should the abandoned check still acquire
 * something afterwards, it is released at once, so a late lock never blocks the next execution.
 */
public final class BoundedCheck {
  private static final Object ABANDONED = new Object();

  private final Duration deadline;

  public BoundedCheck(Duration deadline) {
    this.deadline = deadline;
  }

  public Decision decide(ExecutionBackend backend, ExecutionRequest request) throws Exception {
    // Holds the decision, or ABANDONED once the caller stopped waiting; whoever comes second
    // knows what to do with the lease.
    AtomicReference<Object> handoff = new AtomicReference<>();
    FutureTask<Decision> task =
        new FutureTask<>(
            () -> {
              Decision decision = backend.tryAcquire(request);
              if (!handoff.compareAndSet(null, decision)) {
                decision.lease().close();
              }
              return decision;
            });
    Thread thread = new Thread(task, "vdk-execution-skip-check");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (!handoff.compareAndSet(null, ABANDONED)) {
        return (Decision) handoff.get();
      }
      thread.interrupt();
      throw new CheckTimeoutException(
          "The " + backend.name() + " check did not answer within " + deadline.toMillis() + " ms.");
    } catch (InterruptedException e) {
      // The caller gives up as at the deadline: whatever the check acquires later is released.
      if (!handoff.compareAndSet(null, ABANDONED)) {
        ((Decision) handoff.get()).lease().close();
      }
      thread.interrupt();
      Thread.currentThread().interrupt();
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

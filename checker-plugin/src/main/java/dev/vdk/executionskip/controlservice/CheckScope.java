package dev.vdk.executionskip.controlservice;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The check the current thread is making, for the collaborators that one client builds once and
 * shares between its checks (the Feign targets, their interceptors, retryer and HTTP client). A
 * check's requests all run on the thread that makes the check, token exchange and retries
 * included, so a thread-local per client carries its deadline and operation id to them.
 */
final class CheckScope {

  /** What belongs to one check. */
  static final class Check {
    private final CallDeadline deadline;
    private final String operationId;
    private Optional<String> bearerToken;

    private Check(CallDeadline deadline, String operationId) {
      this.deadline = deadline;
      this.operationId = operationId;
    }

    CallDeadline deadline() {
      return deadline;
    }

    String operationId() {
      return operationId;
    }

    /**
     * The Bearer token of this check, fetched on first use only, so that retries neither repeat
     * the exchange nor run it before it is needed.
     */
    Optional<String> bearerToken(Supplier<Optional<String>> fetch) {
      if (bearerToken == null) {
        bearerToken = fetch.get();
      }
      return bearerToken;
    }
  }

  private final ThreadLocal<Check> current = new ThreadLocal<>();

  /** Runs {@code call} as one check with this deadline and operation id. */
  <T> T run(CallDeadline deadline, String operationId, Supplier<T> call) {
    Check outer = current.get();
    current.set(new Check(deadline, operationId));
    try {
      return call.get();
    } finally {
      // Pool threads are reused: nothing of this check may stay behind for the next one.
      if (outer == null) {
        current.remove();
      } else {
        current.set(outer);
      }
    }
  }

  /** The check being made on this thread. */
  Check current() {
    Check check = current.get();
    if (check == null) {
      throw new IllegalStateException(
          "A Control Service request was made outside a check; it has no deadline to keep.");
    }
    return check;
  }
}

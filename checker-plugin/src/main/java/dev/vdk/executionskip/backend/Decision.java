package dev.vdk.executionskip.backend;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend's answer: run or skip, a sentence saying why, the id of the execution that is in the
 * way and when it started (each when known), and what is held while this execution runs.
 */
public record Decision(
    Verdict verdict,
    String reason,
    Optional<String> conflictingExecutionId,
    Optional<Instant> conflictingStartTime,
    Lease lease) {

  public Decision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(conflictingExecutionId, "conflictingExecutionId");
    Objects.requireNonNull(conflictingStartTime, "conflictingStartTime");
    Objects.requireNonNull(lease, "lease");
  }

  public static Decision run(String reason, Lease lease) {
    return new Decision(Verdict.RUN, reason, Optional.empty(), Optional.empty(), lease);
  }

  public static Decision skip(String reason, String conflictingExecutionId) {
    return skip(reason, conflictingExecutionId, null);
  }

  /** A skip whose conflicting execution's start is known; either may be null when unknown. */
  public static Decision skip(String reason, String conflictingExecutionId, Instant conflictingStartTime) {
    return new Decision(
        Verdict.SKIP,
        reason,
        Optional.ofNullable(conflictingExecutionId),
        Optional.ofNullable(conflictingStartTime),
        Lease.NONE);
  }

  public boolean runs() {
    return verdict == Verdict.RUN;
  }
}

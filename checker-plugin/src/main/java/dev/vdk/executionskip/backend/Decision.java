package dev.vdk.executionskip.backend;

import java.util.Objects;
import java.util.Optional;

/**
 * A backend's answer: run or skip, a sentence saying why, the id of the execution that is in the
 * way (when one is known), and what is held while this execution runs.
 */
public record Decision(
    Verdict verdict, String reason, Optional<String> conflictingExecutionId, Lease lease) {

  public Decision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(conflictingExecutionId, "conflictingExecutionId");
    Objects.requireNonNull(lease, "lease");
  }

  public static Decision run(String reason, Lease lease) {
    return new Decision(Verdict.RUN, reason, Optional.empty(), lease);
  }

  public static Decision skip(String reason, String conflictingExecutionId) {
    return new Decision(
        Verdict.SKIP, reason, Optional.ofNullable(conflictingExecutionId), Lease.NONE);
  }

  public boolean runs() {
    return verdict == Verdict.RUN;
  }
}

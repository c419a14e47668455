package dev.vdk.executionskip.backend;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend's answer: run or skip, a sentence saying why, the executions in the way as far as the
 * backend knows them, and what is held while this execution runs.
 *
 * @param holders the other executions the backend saw: for a skip, the one in the way first; a
 *     backend that lists executions (the Control Service) may name some for a run too, those that
 *     did not stop it (younger ones, when the oldest wins)
 * @param notNamed how many more executions the backend saw than {@code holders} names (a long list
 *     is kept only in part, so that any answer fits in memory)
 */
public record Decision(Verdict verdict, String reason, List<Holder> holders, long notNamed, Lease lease) {

  public Decision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    holders = List.copyOf(holders);
    if (notNamed < 0) {
      throw new IllegalArgumentException("notNamed cannot be negative: " + notNamed);
    }
    Objects.requireNonNull(lease, "lease");
  }

  /** A decision that names every execution it saw. */
  public Decision(Verdict verdict, String reason, List<Holder> holders, Lease lease) {
    this(verdict, reason, holders, 0, lease);
  }

  /** A decision that names the execution in its way by id alone, when one is known. */
  public Decision(Verdict verdict, String reason, Optional<String> conflictingExecutionId, Lease lease) {
    this(verdict, reason, conflictingExecutionId.map(Holder::running).stream().toList(), lease);
  }

  public static Decision run(String reason, Lease lease) {
    return new Decision(Verdict.RUN, reason, List.of(), lease);
  }

  /** A skip naming the execution in the way by id; null when its id is not known. */
  public static Decision skip(String reason, String conflictingExecutionId) {
    return skip(reason, Holder.running(conflictingExecutionId));
  }

  /** A skip naming the execution in the way. */
  public static Decision skip(String reason, Holder holder) {
    return new Decision(Verdict.SKIP, reason, List.of(holder), Lease.NONE);
  }

  /** For a skip, the id of the execution in the way, when it is known; empty for a run. */
  public Optional<String> conflictingExecutionId() {
    return verdict == Verdict.SKIP && !holders.isEmpty() ? holders.get(0).id() : Optional.empty();
  }

  /** The same decision with another reason, e.g. one that says how long it waited. */
  public Decision withReason(String newReason) {
    return new Decision(verdict, newReason, holders, notNamed, lease);
  }

  public boolean runs() {
    return verdict == Verdict.RUN;
  }
}

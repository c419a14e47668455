package dev.vdk.executionskip.controlservice;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A tie-break for executions that start together, where the reference makes each see the other
 * and both skip: among the listed executions the oldest one, by {@code (start_time, id)}, runs and
 * the others skip. A missing or unreadable start time sorts last, since such a record cannot prove
 * it is older. When the current execution's own record is not in the answer there is nothing to
 * rank it by, and the reference decision applies.
 */
final class OldestWins {

  static final Comparator<DataJobExecution> AGE =
      Comparator.comparing(
              (DataJobExecution e) -> e.startedAt().map(OffsetDateTime::toInstant).orElse(null),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(DataJobExecution::id, Comparator.nullsLast(Comparator.naturalOrder()));

  private OldestWins() {}

  /**
   * The execution that blocks the attempt, or empty when it may run.
   *
   * @throws IllegalArgumentException when an execution has no id, as the reference decision does
   */
  static Optional<DataJobExecution> blocker(List<DataJobExecution> executions, OwnRecord own) {
    boolean ownListed = false;
    for (DataJobExecution execution : executions) {
      ownListed |= own.matches(execution.id());
    }
    if (!ownListed) {
      return ConcurrentExecutionChecker.firstConflict(executions, own);
    }
    DataJobExecution oldest = executions.stream().min(AGE).orElseThrow();
    return own.matches(oldest.id()) ? Optional.empty() : Optional.of(oldest);
  }
}

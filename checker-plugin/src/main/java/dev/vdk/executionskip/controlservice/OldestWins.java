package dev.vdk.executionskip.controlservice;

import java.util.Optional;

/**
 * A tie-break for executions that start together, where the reference makes each see the other
 * and both skip: among the listed executions the oldest one, by {@code (start_time, id)}, runs and
 * the others skip, naming it. A missing or unreadable start time sorts last, since such a record
 * cannot prove it is older. When the current execution's own record is not in the answer, it is
 * not the oldest, so it skips whenever anything is listed, as the reference decision does.
 */
final class OldestWins {

  private OldestWins() {}

  /**
   * The execution that blocks the run, or empty when it may run.
   *
   * @throws IllegalArgumentException when the oldest execution has no id or a blank one
   */
  static Optional<DataJobExecution> blocker(ActiveExecutions executions, OwnRecord own) {
    return executions.oldest().filter(oldest -> !own.matches(oldest.id()));
  }
}

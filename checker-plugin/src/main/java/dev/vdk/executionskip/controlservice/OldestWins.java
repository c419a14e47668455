package dev.vdk.executionskip.controlservice;

import java.util.Optional;

/**
 * A tie-break for executions that start together, where the reference makes each see the other
 * and both skip: among the listed executions the oldest one, by {@code (start_time, id)}, runs and
 * the others skip, naming it.
 *
 * <p>An execution whose {@code start_time} cannot be read (missing, null, not a string, not an
 * ISO-8601 time, given twice) cannot be shown to have started after this one, so another such
 * execution is in the way, and a run whose own start cannot be read skips for any other. Either
 * way the run skips, whatever the error policy: failing the check instead would let the default
 * policy run the job beside an execution the answer lists. When the current execution's own record
 * is not in the answer, it is not the oldest, so it skips whenever anything is listed, as the
 * reference decision does.
 */
final class OldestWins {

  private OldestWins() {}

  /**
   * The execution that blocks the run, or empty when it may run.
   *
   * @throws IllegalArgumentException when an execution compared has no id or a blank one
   */
  static Optional<DataJobExecution> blocker(ActiveExecutions executions, OwnRecord own) {
    Optional<DataJobExecution> undated = executions.firstWithoutStart(own);
    if (undated.isPresent()) {
      return undated;
    }
    return executions.oldest().filter(oldest -> !own.matches(oldest.id()));
  }
}

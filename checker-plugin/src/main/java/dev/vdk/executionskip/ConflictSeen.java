package dev.vdk.executionskip;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.Verdict;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last execution that the polls of one check saw in the way. Once a poll has seen one, a later
 * failure proves nothing about it having ended, so however the wait ends (it is over, a poll
 * fails, the check's deadline passes) the run is skipped naming it. The polling thread records;
 * the thread that ends the wait may be another (the caller at the deadline), hence atomic.
 *
 * <p>One per check, passed as a parameter to whatever polls and whatever may give up on it.
 */
final class ConflictSeen {
  private final AtomicReference<Decision> last = new AtomicReference<>();

  /** Records a poll's skip decision; the latest one names the execution the reason will name. */
  void record(Decision skip) {
    if (skip.verdict() != Verdict.SKIP) {
      throw new IllegalArgumentException("Only a poll that saw another execution is recorded.");
    }
    last.set(skip);
  }

  /**
   * The decision that ends the wait: skip, with the last poll's reason and why the wait ended; empty
   * when no poll saw another execution, so the error policy decides.
   *
   * @param whyTheWaitEnded says why, e.g. "the check's deadline of 61000 ms passed"
   */
  Optional<Decision> skipBecause(String whyTheWaitEnded) {
    Decision seen = last.get();
    if (seen == null) {
      return Optional.empty();
    }
    String why = Objects.requireNonNull(whyTheWaitEnded, "whyTheWaitEnded").strip();
    if (why.endsWith(".")) {
      why = why.substring(0, why.length() - 1);
    }
    // A recorded decision is a skip, which holds nothing: only its reason changes.
    return Optional.of(seen.withReason(seen.reason() + " Waiting for it ended: " + why + "."));
  }
}

package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Holder;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.OutsideId;
import dev.vdk.executionskip.backend.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference's check as a backend: ask the Control Service for the job's submitted and running
 * executions and skip when another one is among them. It holds nothing while the job runs, so its
 * lease is {@link Lease#NONE}, and it inherits the reference's check-then-act race.
 *
 * <p>With {@code oldestWins} the race of two executions that start together is broken in favour of
 * the older one (see {@link OldestWins}) instead of both skipping.
 *
 * <p>A decision names the listed executions that are not the run's own, of the first few listed
 * ({@link ActiveExecutions#LISTED_KEPT}), the one in the way first, and counts the listed ones it
 * leaves out, all from the one answer it was made on: what the operator command shows.
 */
public final class ControlServiceBackend implements ExecutionBackend {

  public static final String NAME = "control-service";

  private final ControlServiceClient client;
  private final boolean oldestWins;

  public ControlServiceBackend(ControlServiceClient client, boolean oldestWins) {
    this.client = client;
    this.oldestWins = oldestWins;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * One check: the client asks within the settings' deadline ({@code
   * EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS}), then the answer is decided.
   */
  @Override
  public Decision tryAcquire(ExecutionRequest request) {
    return decide(client.activeExecutions(request.team(), request.jobName()), request);
  }

  /** The decision over a list of executions already in memory. */
  public Decision decide(List<DataJobExecution> executions, ExecutionRequest request) {
    return decide(ActiveExecutions.of(executions), request);
  }

  /** The decision over an answer already fetched. */
  public Decision decide(ActiveExecutions executions, ExecutionRequest request) {
    OwnRecord own = OwnRecord.of(request);
    Optional<DataJobExecution> blocker =
        oldestWins ? OldestWins.blocker(executions, own) : executions.firstConflict(own);
    String job = "job " + request.jobName() + " of team " + request.team();
    if (blocker.isPresent()) {
      DataJobExecution other = blocker.get();
      String otherId = OutsideId.shortened(other.id());
      String undated =
          oldestWins && other.startedAt().isEmpty()
              ? " and has no start_time that can be read, so it may have started before this one"
              : "";
      return new Decision(
          Verdict.SKIP,
          "Execution " + otherId + " of " + job + " is "
              + (other.status() == null ? "active" : other.status()) + undated
              + ", so attempt " + request.attemptId() + " is skipped.",
          others(executions, own, otherId),
          executions.notKept(),
          Lease.NONE);
    }
    return new Decision(
        Verdict.RUN,
        "The Control Service lists no execution of " + job
            + " that is in the way, so attempt " + request.attemptId() + " runs.",
        others(executions, own, null),
        executions.notKept(),
        Lease.NONE);
  }

  /**
   * The first listed executions that are not {@code own}, in the order listed, except that the one
   * with {@code inTheWayId} (as the reason quotes it; null for a run) comes first, or, when none of
   * them has that id, an execution known by that id alone.
   */
  private static List<Holder> others(ActiveExecutions executions, OwnRecord own, String inTheWayId) {
    List<Holder> others = new ArrayList<>(ActiveExecutions.LISTED_KEPT + 1);
    Holder inTheWay = null;
    // A plain loop: a lambda here would cost every cold check a class spun at its first use.
    for (DataJobExecution execution : executions.firstListed()) {
      if (own.matches(execution.id())) {
        continue;
      }
      Holder holder =
          new Holder(
              Optional.of(execution.id()),
              Optional.ofNullable(execution.status()),
              Optional.ofNullable(execution.startTime()),
              Optional.ofNullable(execution.startedBy()));
      if (inTheWay == null && execution.id().equals(inTheWayId)) {
        inTheWay = holder;
      } else {
        others.add(holder);
      }
    }
    if (inTheWayId != null) {
      others.add(
          0,
          inTheWay != null
              ? inTheWay
              : new Holder(Optional.of(inTheWayId), Optional.empty(), Optional.empty(), Optional.empty()));
    }
    return others;
  }
}

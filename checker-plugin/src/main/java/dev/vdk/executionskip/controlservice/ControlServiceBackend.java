package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.OutsideId;
import java.util.List;
import java.util.Optional;

/**
 * The reference's check as a backend: ask the Control Service for the job's submitted and running
 * executions and skip when another one is among them. It holds nothing while the job runs, so its
 * lease is {@link Lease#NONE}, and it inherits the reference's check-then-act race.
 *
 * <p>With {@code oldestWins} the race of two executions that start together is broken in favour of
 * the older one (see {@link OldestWins}) instead of both skipping.
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
    return decide(activeExecutions(request), request);
  }

  /**
   * What the check keeps of the request's job's submitted and running executions, for callers that
   * show them as well as the {@link #decide decision} over them (the operator command), from one
   * call.
   */
  public ActiveExecutions activeExecutions(ExecutionRequest request) {
    return client.activeExecutions(request.team(), request.jobName());
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
      return Decision.skip(
          "Execution " + otherId + " of " + job + " is "
              + (other.status() == null ? "active" : other.status()) + undated
              + ", so attempt " + request.attemptId() + " is skipped.",
          otherId);
    }
    return Decision.run(
        "The Control Service lists no execution of " + job
            + " that is in the way, so attempt " + request.attemptId() + " runs.",
        Lease.NONE);
  }
}

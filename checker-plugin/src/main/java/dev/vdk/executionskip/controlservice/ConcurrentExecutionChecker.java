package dev.vdk.executionskip.controlservice;

import dev.vdk.api.OneLine;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The reference's public API: is another execution of this data job running?
 *
 * <p>The decision is the reference's exactly: for every execution the Control Service lists as
 * submitted or running, if the current attempt id does <em>not</em> start with that execution's
 * id, another execution is running. An attempt id is its execution id plus {@code -} and five
 * random characters, so the prefix test lets an execution recognise its own record.
 */
public final class ConcurrentExecutionChecker {

  private static final System.Logger LOG =
      System.getLogger(ConcurrentExecutionChecker.class.getName());

  private final ControlServiceClient client;

  /** With the reference defaults and no token, for the Control Service at {@code restApiUrl}. */
  public ConcurrentExecutionChecker(String restApiUrl) {
    this(new ControlServiceClient(ControlServiceSettings.defaults(URI.create(restApiUrl))));
  }

  public ConcurrentExecutionChecker(ControlServiceClient client) {
    this.client = client;
  }

  /**
   * Whether another execution of job {@code jobName} of team {@code jobTeam} is running.
   *
   * @throws ControlServiceException when the Control Service cannot tell
   */
  public boolean isJobExecutionRunning(
      String jobName, String jobTeam, String jobExecutionAttemptId) {
    return conflictingExecution(jobName, jobTeam, jobExecutionAttemptId).isPresent();
  }

  /** The first listed execution that is not the current one, if any; its id is worth logging. */
  public Optional<DataJobExecution> conflictingExecution(
      String jobName, String jobTeam, String jobExecutionAttemptId) {
    Optional<DataJobExecution> conflict =
        firstConflict(client.activeExecutions(jobTeam, jobName), jobExecutionAttemptId);
    conflict.ifPresent(
        other ->
            LOG.log(
                System.Logger.Level.INFO,
                "Execution {0} of job {1} of team {2} is running, so attempt {3} is not alone.",
                OneLine.escape(other.id()),
                jobName,
                jobTeam,
                jobExecutionAttemptId));
    return conflict;
  }

  /** The reference decision over an answer already fetched. */
  public static boolean anotherExecutionRunning(
      List<DataJobExecution> executions, String jobExecutionAttemptId) {
    return firstConflict(executions, jobExecutionAttemptId).isPresent();
  }

  /**
   * The first execution whose id is not a prefix of the attempt id.
   *
   * @throws IllegalArgumentException when an execution has no id: the reference fails then too
   *     (and so runs the job), which beats guessing whether the record is our own
   */
  public static Optional<DataJobExecution> firstConflict(
      List<DataJobExecution> executions, String jobExecutionAttemptId) {
    for (DataJobExecution execution : executions) {
      if (!isOwnRecord(execution, jobExecutionAttemptId)) {
        return Optional.of(execution);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code execution} is the record of the attempt {@code jobExecutionAttemptId}. */
  public static boolean isOwnRecord(DataJobExecution execution, String jobExecutionAttemptId) {
    if (execution.id() == null) {
      throw new IllegalArgumentException(
          "The Control Service listed an execution without an id; it cannot be compared.");
    }
    return jobExecutionAttemptId.startsWith(execution.id());
  }
}

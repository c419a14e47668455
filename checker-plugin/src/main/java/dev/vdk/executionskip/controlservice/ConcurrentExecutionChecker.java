package dev.vdk.executionskip.controlservice;

import dev.vdk.api.OneLine;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The reference's public API: is another execution of this data job running?
 *
 * <p>The decision is the reference's: another execution is running when the Control Service
 * lists, as submitted or running, an execution that is not the current one's own record. Which
 * record is its own is stricter than the reference's prefix test; see {@link OwnRecord}.
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
        client.activeExecutions(jobTeam, jobName).firstConflict(OwnRecord.ofAttempt(jobExecutionAttemptId));
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
   * The first execution that is not the attempt's own record.
   *
   * @throws IllegalArgumentException when an execution has no id or a blank one: such a record
   *     cannot be compared, which beats guessing whether it is our own
   */
  public static Optional<DataJobExecution> firstConflict(
      List<DataJobExecution> executions, String jobExecutionAttemptId) {
    return firstConflict(executions, OwnRecord.ofAttempt(jobExecutionAttemptId));
  }

  /** The first execution that is not {@code own}; see {@link #firstConflict(List, String)}. */
  public static Optional<DataJobExecution> firstConflict(
      List<DataJobExecution> executions, OwnRecord own) {
    return ActiveExecutions.of(executions).firstConflict(own);
  }

  /** Whether {@code execution} is the record of the attempt {@code jobExecutionAttemptId}. */
  public static boolean isOwnRecord(DataJobExecution execution, String jobExecutionAttemptId) {
    return OwnRecord.ofAttempt(jobExecutionAttemptId).matches(execution.id());
  }
}

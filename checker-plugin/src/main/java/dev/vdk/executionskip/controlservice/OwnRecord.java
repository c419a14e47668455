package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.backend.ExecutionRequest;
import java.util.Objects;

/**
 * Tells a run's own record from other executions in the Control Service's list. A listed execution
 * is the run's own only when its id equals the run's execution id, or when the attempt id is that
 * id followed by {@code -} and the attempt's suffix (its last {@code -} segment).
 *
 * <p>The reference takes any id that is a string prefix of the attempt id, so an empty id would be
 * every run's own record and {@code x-1} would be the record of attempt {@code x-12-abcde}; both
 * would hide an execution that is running.
 *
 * @param executionId the run's execution id
 * @param attemptId the run's attempt id
 */
public record OwnRecord(String executionId, String attemptId) {

  public OwnRecord {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(attemptId, "attemptId");
  }

  /** The own record of the run that asks in {@code request}. */
  public static OwnRecord of(ExecutionRequest request) {
    return new OwnRecord(request.executionId(), request.attemptId());
  }

  /**
   * For callers that know only the attempt id (the reference's API): the execution id is derived
   * from it as the framework derives it, the attempt id without its last {@code -} segment.
   */
  public static OwnRecord ofAttempt(String attemptId) {
    int dash = attemptId.lastIndexOf('-');
    return new OwnRecord(dash > 0 ? attemptId.substring(0, dash) : attemptId, attemptId);
  }

  /**
   * Whether the execution listed with {@code id} is this run's own record.
   *
   * @throws IllegalArgumentException when {@code id} is missing or blank: such a record cannot be
   *     compared, and taking it for the run's own could hide another execution
   */
  public boolean matches(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(
          "The Control Service listed an execution without an id ("
              + (id == null ? "none" : "\"" + id + "\"")
              + "); it cannot be compared with attempt " + attemptId + ".");
    }
    if (id.equals(executionId)) {
      return true;
    }
    // The suffix has no '-' of its own, so the id must end exactly where the last '-' is.
    return id.length() == attemptId.lastIndexOf('-') && attemptId.startsWith(id);
  }
}

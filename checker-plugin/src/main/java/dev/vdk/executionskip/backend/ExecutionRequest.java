package dev.vdk.executionskip.backend;

import java.util.Objects;

/** The execution that asks to run: which job of which team, and its own ids. */
public record ExecutionRequest(String team, String jobName, String executionId, String attemptId) {
  public ExecutionRequest {
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(attemptId, "attemptId");
  }
}

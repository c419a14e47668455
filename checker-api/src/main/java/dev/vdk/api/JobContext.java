package dev.vdk.api;

import java.util.Objects;

/**
 * Everything a hook knows about the run: the job's name and team, its execution and attempt ids,
 * where it runs, its configuration, a state store that plugins use to pass things between their own
 * hooks (for example a lock held from {@code runJob} until {@code finalizeJob}), and the run's
 * {@link RunControl}, through which a plugin can stop the run before its next step.
 */
public record JobContext(
    String jobName,
    String team,
    String executionId,
    String attemptId,
    LogConfig logConfig,
    Configuration configuration,
    StateStore state,
    RunControl runControl) {

  public JobContext {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(logConfig, "logConfig");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(runControl, "runControl");
  }

  /** The view a step gets. */
  public JobInput jobInput() {
    return new JobInput(jobName, team, executionId, attemptId, configuration, state, runControl);
  }
}

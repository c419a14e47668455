package dev.vdk.runtime;

import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import java.util.List;
import java.util.Optional;

/**
 * What a run did: its result, the steps that started (in order), the hook calls (in order, the
 * job's steps as {@code runJob} of {@link StepRunner}), and the job context when the run got far
 * enough to have one.
 */
public record RunOutcome(
    ExecutionResult result, List<String> stepsStarted, List<HookCall> hookCalls, Optional<JobContext> context) {
  public RunOutcome {
    stepsStarted = List.copyOf(stepsStarted);
    hookCalls = List.copyOf(hookCalls);
  }

  public int exitCode() {
    return result.exitCode();
  }
}

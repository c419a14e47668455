package dev.vdk.runtime;

import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import java.util.List;
import java.util.Optional;

/**
 * What a run did: its result, the steps that started (in order), and the job context when the run
 * got far enough to have one.
 */
public record RunOutcome(ExecutionResult result, List<String> stepsStarted, Optional<JobContext> context) {
  public RunOutcome {
    stepsStarted = List.copyOf(stepsStarted);
  }

  public int exitCode() {
    return result.exitCode();
  }
}

package dev.vdk.runtime;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import dev.vdk.api.Step;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the job's steps in order: the run's own stage, after every plugin's {@code runJob} has
 * returned no result. It is no plugin, so no order or name of a plugin can put it before, or in
 * place of, a plugin's {@code runJob}. It always ends with a result.
 */
public final class StepRunner {
  private static final System.Logger LOG = System.getLogger(StepRunner.class.getName());

  private final List<Step> steps;
  private final Consumer<String> onStepStarted;

  StepRunner(DataJob job, Consumer<String> onStepStarted) {
    this.steps = job.steps();
    this.onStepStarted = onStepStarted;
  }

  ExecutionResult run(JobContext context) {
    for (Step step : steps) {
      onStepStarted.accept(step.name());
      LOG.log(Level.DEBUG, "Job " + context.jobName() + " starts step " + step.name() + ".");
      try {
        step.run(context.jobInput());
      } catch (Exception e) {
        return ExecutionResult.userError(
            "Step " + step.name() + " of job " + context.jobName() + " failed: " + e, e);
      }
    }
    return ExecutionResult.success();
  }
}

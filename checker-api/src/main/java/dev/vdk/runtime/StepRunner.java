package dev.vdk.runtime;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.HookOrder;
import dev.vdk.api.JobContext;
import dev.vdk.api.Order;
import dev.vdk.api.Step;
import dev.vdk.api.VdkPlugin;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The built-in {@code runJob} implementation that runs the job's steps in order. Try-last, so that
 * every plugin that decorates a run is called before any step; it always returns a result.
 */
@HookOrder(Order.TRY_LAST)
final class StepRunner implements VdkPlugin {
  private static final System.Logger LOG = System.getLogger(StepRunner.class.getName());

  private final List<Step> steps;
  private final Consumer<String> onStepStarted;

  StepRunner(DataJob job, Consumer<String> onStepStarted) {
    this.steps = job.steps();
    this.onStepStarted = onStepStarted;
  }

  @Override
  public Optional<ExecutionResult> runJob(JobContext context) {
    for (Step step : steps) {
      onStepStarted.accept(step.name());
      LOG.log(Level.DEBUG, "Job " + context.jobName() + " starts step " + step.name() + ".");
      try {
        step.run(context.jobInput());
      } catch (Exception e) {
        return Optional.of(
            ExecutionResult.userError(
                "Step " + step.name() + " of job " + context.jobName() + " failed: " + e, e));
      }
    }
    return Optional.of(ExecutionResult.success());
  }
}

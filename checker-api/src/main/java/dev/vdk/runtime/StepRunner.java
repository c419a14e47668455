package dev.vdk.runtime;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import dev.vdk.api.RunControl;
import dev.vdk.api.Step;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the job's steps in order: the run's own stage, after every plugin's {@code runJob} has
 * returned no result. It is no plugin, so no order or name of a plugin can put it before, or in
 * place of, a plugin's {@code runJob}. It always ends with a result.
 *
 * <p>Before each step and after the last it looks at the run's {@link RunControl}: once a plugin has
 * requested a stop, no further step starts and the run ends as {@code Platform error} (the guard
 * the run relied on failed, not the job's code), with the reason in its message. A stop that comes
 * during the last step still fails the run, since that step ran unguarded for a while.
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
    RunControl control = context.runControl();
    for (Step step : steps) {
      Optional<String> stop = control.stopReason();
      if (stop.isPresent()) {
        return stopped(context, "stopped before step " + step.name(), stop.get(), null);
      }
      onStepStarted.accept(step.name());
      LOG.log(Level.DEBUG, "Job " + context.jobName() + " starts step " + step.name() + ".");
      try {
        step.run(context.jobInput());
      } catch (Exception e) {
        // A step that gives up because the run was asked to stop fails for the stop's reason.
        Optional<String> stopDuringStep = control.stopReason();
        if (stopDuringStep.isPresent()) {
          return stopped(context, "was asked to stop during step " + step.name(),
              stopDuringStep.get() + " The step then failed: " + e, e);
        }
        return ExecutionResult.userError(
            "Step " + step.name() + " of job " + context.jobName() + " failed: " + e, e);
      }
    }
    Optional<String> stop = control.stopReason();
    if (stop.isPresent() && !steps.isEmpty()) {
      String last = steps.get(steps.size() - 1).name();
      return stopped(context, "was asked to stop during step " + last, stop.get(), null);
    }
    return ExecutionResult.success();
  }

  private static ExecutionResult stopped(JobContext context, String what, String reason, Throwable cause) {
    return ExecutionResult.platformError(
        "Job " + context.jobName() + " of team " + context.team() + " " + what + ": " + reason, cause);
  }
}

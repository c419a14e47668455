package dev.vdk.executionskip.dropin;

import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import dev.vdk.api.VdkPlugin;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * A plugin of a job's own, of no declared order, that says when its {@code runJob} is called. It
 * logs, as the guard does, so that the two lines come out on one stream in the order they happen.
 * {@link DropInSwitchAndOrderIT} lists it for discovery in a folder of its own, so no other test
 * finds it.
 */
public final class NormalRunJobPlugin implements VdkPlugin {
  static final String RUN_JOB_LINE = "The job's own plugin's runJob was called.";

  @Override
  public Optional<ExecutionResult> runJob(JobContext context) {
    System.getLogger(NormalRunJobPlugin.class.getName()).log(Level.INFO, RUN_JOB_LINE);
    return Optional.empty();
  }
}

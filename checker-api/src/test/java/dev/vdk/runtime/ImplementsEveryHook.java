package dev.vdk.runtime;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import dev.vdk.api.VdkPlugin;
import java.util.Optional;

/**
 * A plugin that implements every hook and does nothing in them. Order fixtures extend it and only
 * declare their order and package, so that a test can spy on when the runtime calls them.
 */
public class ImplementsEveryHook implements VdkPlugin {
  @Override
  public void vdkConfigure(ConfigurationBuilder builder) {}

  @Override
  public void initializeJob(JobContext context) {}

  @Override
  public Optional<ExecutionResult> runJob(JobContext context) {
    return Optional.empty();
  }

  @Override
  public void finalizeJob(JobContext context) {}

  @Override
  public void vdkExit(int exitCode) {}
}

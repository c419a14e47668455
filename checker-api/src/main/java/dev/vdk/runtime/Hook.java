package dev.vdk.runtime;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import java.util.List;

/**
 * The hooks of {@link dev.vdk.api.VdkPlugin}: each with the signatures a plugin may implement it by
 * (the one the runtime calls first, then older forms that its default delegates to), and whether
 * it tears down, and so runs in the reverse order of the setup hooks.
 */
enum Hook {
  VDK_CONFIGURE("vdkConfigure", false, List.of(List.of(ConfigurationBuilder.class))),
  INITIALIZE_JOB("initializeJob", false, List.of(List.of(JobContext.class))),
  RUN_JOB("runJob", false, List.of(List.of(JobContext.class))),
  FINALIZE_JOB(
      "finalizeJob",
      true,
      List.of(List.of(JobContext.class, ExecutionResult.class), List.of(JobContext.class))),
  VDK_EXIT("vdkExit", true, List.of(List.of(ExecutionResult.class), List.of(int.class)));

  final String methodName;
  final boolean teardown;
  final List<List<Class<?>>> signatures;

  Hook(String methodName, boolean teardown, List<List<Class<?>>> signatures) {
    this.methodName = methodName;
    this.teardown = teardown;
    this.signatures = signatures;
  }
}

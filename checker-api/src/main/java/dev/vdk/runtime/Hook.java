package dev.vdk.runtime;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.JobContext;

/**
 * The hooks of {@link dev.vdk.api.VdkPlugin}, each with the signature used to find its
 * implementation, and whether it tears down (and so runs in the reverse order of the setup hooks).
 */
enum Hook {
  VDK_CONFIGURE("vdkConfigure", false, ConfigurationBuilder.class),
  INITIALIZE_JOB("initializeJob", false, JobContext.class),
  RUN_JOB("runJob", false, JobContext.class),
  FINALIZE_JOB("finalizeJob", true, JobContext.class),
  VDK_EXIT("vdkExit", true, int.class);

  final String methodName;
  final boolean teardown;
  final Class<?> parameterType;

  Hook(String methodName, boolean teardown, Class<?> parameterType) {
    this.methodName = methodName;
    this.teardown = teardown;
    this.parameterType = parameterType;
  }
}

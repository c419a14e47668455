package dev.vdk.runtime;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.JobContext;

/** The hooks of {@link dev.vdk.api.VdkPlugin}, each with the signature used to find its implementation. */
enum Hook {
  VDK_CONFIGURE("vdkConfigure", ConfigurationBuilder.class),
  INITIALIZE_JOB("initializeJob", JobContext.class),
  RUN_JOB("runJob", JobContext.class),
  FINALIZE_JOB("finalizeJob", JobContext.class),
  VDK_EXIT("vdkExit", int.class);

  final String methodName;
  final Class<?> parameterType;

  Hook(String methodName, Class<?> parameterType) {
    this.methodName = methodName;
    this.parameterType = parameterType;
  }
}

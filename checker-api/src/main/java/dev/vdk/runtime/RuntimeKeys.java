package dev.vdk.runtime;

import dev.vdk.api.ConfigKeys;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.HookOrder;
import dev.vdk.api.Order;
import dev.vdk.api.VdkPlugin;

/**
 * The keys the runtime itself reads, declared as every other set of keys is (see {@link
 * ConfigKeys}), so that they appear in config help. Registered as the first plugin, try-first as
 * VDK's definers are, so every other plugin sees them declared.
 */
@HookOrder(Order.TRY_FIRST)
public final class RuntimeKeys implements ConfigKeys, VdkPlugin {
  public static final String JOB_NAME = "JOB_NAME";
  public static final String TEAM = "TEAM";
  public static final String EXECUTION_ID = "EXECUTION_ID";
  public static final String ATTEMPT_ID = "ATTEMPT_ID";
  public static final String LOG_CONFIG = "LOG_CONFIG";
  public static final String TERMINATION_MESSAGE_WRITER_ENABLED = "TERMINATION_MESSAGE_WRITER_ENABLED";
  public static final String TERMINATION_MESSAGE_WRITER_OUTPUT_FILE =
      "TERMINATION_MESSAGE_WRITER_OUTPUT_FILE";
  public static final String DEFAULT_TERMINATION_LOG = "/dev/termination-log";
  /** Read by {@link ConfigurationLoader} before any other layer; declared here for config help. */
  public static final String JOB_CONFIG = "JOB_CONFIG";

  @Override
  public void vdkConfigure(ConfigurationBuilder builder) {
    declare(builder);
  }

  @Override
  public void declare(ConfigurationBuilder builder) {
    builder
        .add(JOB_NAME, null, "The data job's name; usually set by job_name in the job's config file.")
        .add(TEAM, null, "The team that owns the job; usually set by team in the job's config file.")
        .add(
            EXECUTION_ID,
            null,
            "The execution's id. When absent it is the attempt id without its last '-' segment.")
        .add(
            ATTEMPT_ID,
            null,
            "The attempt's id. When absent it is the execution id plus '-' and 5 random characters,"
                + " or, with neither set, '<uuid>-<epoch seconds>-<5 characters>'.")
        .add(
            JOB_CONFIG,
            null,
            "A HOCON config file from outside the job's jar, layered over the job's own config file"
                + " and under VDK_<KEY> variables; a relative path is resolved against the working"
                + " directory. Set it as VDK_JOB_CONFIG: a config file that sets it, like a missing or"
                + " unreadable file, is a User error.")
        .add(LOG_CONFIG, "LOCAL", "Where the job runs: LOCAL (a developer's machine) or CLOUD (deployed).")
        .add(
            TERMINATION_MESSAGE_WRITER_ENABLED,
            true,
            "Write the termination message (the run's status as JSON) at the end of the run.")
        .add(
            TERMINATION_MESSAGE_WRITER_OUTPUT_FILE,
            DEFAULT_TERMINATION_LOG,
            "Where the termination message is written; the default is Kubernetes' termination log.");
  }
}

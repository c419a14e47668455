package dev.vdk.executionskip;

import dev.vdk.api.ConfigKeys;
import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import java.time.Duration;

/**
 * The plugin's keys: its own, declared here, and each backend's, declared by the backend's
 * provider. The plugin and the operator command declare them through this one class.
 */
public final class ExecutionSkipKeys implements ConfigKeys {
  public static final String EXECUTION_SKIP_CHECKER_ENABLED = "EXECUTION_SKIP_CHECKER_ENABLED";
  public static final String EXECUTION_SKIP_CHECKER_BACKEND = "EXECUTION_SKIP_CHECKER_BACKEND";
  public static final String EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS = "EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS";
  public static final String EXECUTION_SKIP_WAIT_SECONDS = "EXECUTION_SKIP_WAIT_SECONDS";
  public static final String EXECUTION_SKIP_ON_ERROR = "EXECUTION_SKIP_ON_ERROR";

  /** The backend when none is chosen: the Control Service, as in VDK. */
  public static final String DEFAULT_BACKEND = "control-service";

  /** The check's deadline when none is set. */
  public static final Duration DEFAULT_CHECK_DEADLINE = Duration.ofSeconds(30);

  private final BackendProviders backends;

  public ExecutionSkipKeys(BackendProviders backends) {
    this.backends = backends;
  }

  /**
   * The longest check deadline, and the longest wait: a day. Longer is no sensible hold on a job's
   * start, and the bound keeps deadline plus wait, in milliseconds, far from overflowing.
   */
  public static final Duration LONGEST_HOLD = Duration.ofHours(24);

  /**
   * The check's deadline. A zero or negative one would time every check out and, failing open,
   * turn the guard off without a word, so it is a bad setting instead.
   */
  public static Duration checkDeadline(Configuration config) {
    Duration deadline = config.getDuration(EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS);
    if (deadline.toMillis() <= 0 || deadline.compareTo(LONGEST_HOLD) > 0) {
      throw config.invalidValue(
          EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS,
          "a duration greater than zero (at least 1 ms) and at most 24 h (86400, 24h or PT24H)");
    }
    return deadline;
  }

  /** How long to wait for another execution to end; from zero to {@link #LONGEST_HOLD}. */
  public static Duration waitForOthers(Configuration config) {
    Duration wait = config.getDuration(EXECUTION_SKIP_WAIT_SECONDS);
    if (wait.isNegative() || wait.compareTo(LONGEST_HOLD) > 0) {
      throw config.invalidValue(
          EXECUTION_SKIP_WAIT_SECONDS, "a duration of 0 or more and at most 24 h (86400, 24h or PT24H)");
    }
    return wait;
  }

  /** Declares the plugin's own keys, then every backend's. */
  @Override
  public void declare(ConfigurationBuilder builder) {
    builder
        .add(
            EXECUTION_SKIP_CHECKER_ENABLED,
            true,
            "Set to false if you want to disable execution skipping logic entirely.")
        .add(
            EXECUTION_SKIP_CHECKER_BACKEND,
            DEFAULT_BACKEND,
            "How executions are counted: " + backends.describe() + ".")
        .add(
            EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS,
            DEFAULT_CHECK_DEADLINE.toSeconds(),
            "Deadline for the whole check, token exchange and retries included; when it passes the"
                + " error policy applies. At most 24 h.")
        .add(
            EXECUTION_SKIP_WAIT_SECONDS,
            0,
            "Rather than skip at once, wait up to this long for the other execution to end, then"
                + " run, or skip when the wait is over. At most 24 h.")
        .add(
            EXECUTION_SKIP_ON_ERROR,
            "proceed",
            "What a run does when the check itself fails: proceed (run anyway, as VDK does),"
                + " skip, or fail (end as Platform error).");
    backends.declare(builder);
  }
}

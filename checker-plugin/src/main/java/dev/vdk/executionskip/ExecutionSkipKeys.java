package dev.vdk.executionskip;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.executionskip.controlservice.ControlServiceSettings;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import dev.vdk.executionskip.postgreslease.PostgresLeaseProvider;
import java.time.Duration;

/** The plugin's configuration keys, with their defaults and meanings, declared in one place. */
public final class ExecutionSkipKeys {
  public static final String EXECUTION_SKIP_CHECKER_ENABLED = "EXECUTION_SKIP_CHECKER_ENABLED";
  public static final String EXECUTION_SKIP_CHECKER_BACKEND = "EXECUTION_SKIP_CHECKER_BACKEND";
  public static final String EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS = "EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS";
  public static final String EXECUTION_SKIP_WAIT_SECONDS = "EXECUTION_SKIP_WAIT_SECONDS";
  public static final String EXECUTION_SKIP_ON_ERROR = "EXECUTION_SKIP_ON_ERROR";
  public static final String EXECUTION_SKIP_OLDEST_WINS = "EXECUTION_SKIP_OLDEST_WINS";
  public static final String EXECUTION_SKIP_LOCAL_LOCK_DIR = "EXECUTION_SKIP_LOCAL_LOCK_DIR";
  public static final String EXECUTION_SKIP_POSTGRES_URL = "EXECUTION_SKIP_POSTGRES_URL";
  public static final String EXECUTION_SKIP_POSTGRES_USER = "EXECUTION_SKIP_POSTGRES_USER";
  public static final String EXECUTION_SKIP_POSTGRES_PASSWORD = "EXECUTION_SKIP_POSTGRES_PASSWORD";

  public static final String CONTROL_SERVICE_REST_API_URL = "CONTROL_SERVICE_REST_API_URL";
  public static final String API_TOKEN = "API_TOKEN";
  public static final String API_TOKEN_AUTHORIZATION_URL = "API_TOKEN_AUTHORIZATION_URL";
  public static final String CONTROL_HTTP_VERIFY_SSL = "CONTROL_HTTP_VERIFY_SSL";
  public static final String CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS = "CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS";
  public static final String CONTROL_HTTP_READ_TIMEOUT_SECONDS = "CONTROL_HTTP_READ_TIMEOUT_SECONDS";
  public static final String CONTROL_HTTP_CONNECT_RETRIES = "CONTROL_HTTP_CONNECT_RETRIES";
  public static final String CONTROL_HTTP_READ_RETRIES = "CONTROL_HTTP_READ_RETRIES";
  public static final String CONTROL_HTTP_TOTAL_RETRIES = "CONTROL_HTTP_TOTAL_RETRIES";

  private ExecutionSkipKeys() {}

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

  /** Declares every key of the plugin; the operator command declares them the same way. */
  public static void declare(ConfigurationBuilder builder) {
    PostgresLeaseProvider.declare(builder);
    builder
        .add(
            EXECUTION_SKIP_CHECKER_ENABLED,
            true,
            "Set to false if you want to disable execution skipping logic entirely.")
        .add(
            EXECUTION_SKIP_CHECKER_BACKEND,
            "control-service",
            "How executions are counted: control-service (ask the Control Service; CLOUD runs only),"
                + " local (an OS file lock on this machine), postgres (a PostgreSQL advisory lock) or"
                + " postgres-lease (a renewed lease in a PostgreSQL table).")
        .add(
            EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS,
            ControlServiceSettings.DEFAULT_CHECK_DEADLINE.toSeconds(),
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
            "What a run does when the check itself fails: proceed (run anyway, the reference's"
                + " fail-open), skip, or fail (end as Platform error).")
        .add(
            EXECUTION_SKIP_OLDEST_WINS,
            false,
            "control-service backend: when executions start together, the one with the oldest"
                + " (start_time, id) runs instead of all skipping.")
        .add(
            EXECUTION_SKIP_LOCAL_LOCK_DIR,
            LocalFileLockBackend.defaultLockDirectory(),
            "local backend: folder of the lock files, private to the user that runs the job unless"
                + " shared on purpose with a group (setgid, mode 2770); a relative path is resolved"
                + " against the working directory.")
        .add(EXECUTION_SKIP_POSTGRES_URL, null, "postgres and postgres-lease backends: JDBC URL, e.g. jdbc:postgresql://db:5432/jobs.")
        .add(EXECUTION_SKIP_POSTGRES_USER, null, "postgres and postgres-lease backends: user name.")
        .addSensitive(EXECUTION_SKIP_POSTGRES_PASSWORD, null, "postgres and postgres-lease backends: password.")
        .add(
            CONTROL_SERVICE_REST_API_URL,
            null,
            "Base URL of the Control Service REST API, without /data-jobs.")
        .addSensitive(
            API_TOKEN,
            null,
            "API token (an OAuth2 refresh token) exchanged for an access token at"
                + " API_TOKEN_AUTHORIZATION_URL; without that URL it is sent as the Bearer token.")
        .add(API_TOKEN_AUTHORIZATION_URL, null, "Where API_TOKEN is exchanged (OAuth2 refresh_token grant).")
        .add(CONTROL_HTTP_VERIFY_SSL, true, "Verify the Control Service's TLS certificate and host name.")
        .add(
            CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS,
            ControlServiceSettings.DEFAULT_CONNECT_TIMEOUT.toSeconds(),
            "Connect timeout of one HTTP attempt (bounded by the check deadline).")
        .add(
            CONTROL_HTTP_READ_TIMEOUT_SECONDS,
            ControlServiceSettings.DEFAULT_READ_TIMEOUT.toSeconds(),
            "Read timeout of one HTTP attempt (bounded by the check deadline).")
        .add(CONTROL_HTTP_CONNECT_RETRIES, ControlServiceSettings.DEFAULT_CONNECT_RETRIES, "Retries after a failed connection.")
        .add(CONTROL_HTTP_READ_RETRIES, ControlServiceSettings.DEFAULT_READ_RETRIES, "Retries after a failed or timed-out read.")
        .add(
            CONTROL_HTTP_TOTAL_RETRIES,
            ControlServiceSettings.DEFAULT_TOTAL_RETRIES,
            "Retries of any kind, answers 500/502/503/504 included; backoff doubles each time.");
  }
}

package dev.vdk.executionskip;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.Redactor;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.controlservice.ControlServiceBackend;
import dev.vdk.executionskip.controlservice.ControlServiceClient;
import dev.vdk.executionskip.controlservice.ControlServiceSettings;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockBackend;
import dev.vdk.executionskip.postgres.PostgresConnectionSettings;
import dev.vdk.executionskip.postgreslease.PostgresLeaseProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads each backend's keys from the configuration and makes it. Each backend's keys are read only
 * when that backend is selected, so a local user never needs a Control Service URL. Public so that
 * the operator command makes backends exactly as the plugin does.
 */
public final class ConfiguredBackends implements BackendFactory {
  private final Clock clock;
  private final Sleeper sleeper;

  public ConfiguredBackends(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public ExecutionBackend create(BackendKind kind, Configuration config) {
    return switch (kind) {
      case CONTROL_SERVICE -> new ControlServiceBackend(
          new ControlServiceClient(controlService(config), clock, sleeper),
          config.getBoolean(ExecutionSkipKeys.EXECUTION_SKIP_OLDEST_WINS));
      // getPath: a value that is no path is a user error naming the key, not a failed check.
      case LOCAL -> new LocalFileLockBackend(
          config.find(ExecutionSkipKeys.EXECUTION_SKIP_LOCAL_LOCK_DIR)
              .map(set -> config.getPath(ExecutionSkipKeys.EXECUTION_SKIP_LOCAL_LOCK_DIR))
              .orElseGet(LocalFileLockBackend::defaultLockDirectory));
      case POSTGRES -> new PostgresAdvisoryLockBackend(postgres(config));
      case POSTGRES_LEASE -> PostgresLeaseProvider.create(config, postgres(config), clock, sleeper, ExecutionSkipKeys.checkDeadline(config));
    };
  }

  static ControlServiceSettings controlService(Configuration config) {
    return new ControlServiceSettings(
        httpUrl(config, ExecutionSkipKeys.CONTROL_SERVICE_REST_API_URL),
        config.find(ExecutionSkipKeys.API_TOKEN),
        config.find(ExecutionSkipKeys.API_TOKEN_AUTHORIZATION_URL)
            .map(url -> httpUrl(config, ExecutionSkipKeys.API_TOKEN_AUTHORIZATION_URL)),
        config.getBoolean(ExecutionSkipKeys.CONTROL_HTTP_VERIFY_SSL),
        positive(config, ExecutionSkipKeys.CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS),
        positive(config, ExecutionSkipKeys.CONTROL_HTTP_READ_TIMEOUT_SECONDS),
        notNegative(config, ExecutionSkipKeys.CONTROL_HTTP_CONNECT_RETRIES),
        notNegative(config, ExecutionSkipKeys.CONTROL_HTTP_READ_RETRIES),
        notNegative(config, ExecutionSkipKeys.CONTROL_HTTP_TOTAL_RETRIES),
        ExecutionSkipKeys.checkDeadline(config),
        ControlServiceSettings.DEFAULT_MAX_ANSWER_BYTES);
  }

  static PostgresConnectionSettings postgres(Configuration config) {
    String key = ExecutionSkipKeys.EXECUTION_SKIP_POSTGRES_URL;
    try {
      return new PostgresConnectionSettings(
          config.getString(key),
          config.find(ExecutionSkipKeys.EXECUTION_SKIP_POSTGRES_USER).orElse(null),
          config.find(ExecutionSkipKeys.EXECUTION_SKIP_POSTGRES_PASSWORD).orElse(null));
    } catch (IllegalArgumentException e) {
      // The settings' own message shows the URL with any password in it masked; the key's value
      // itself is never quoted, since a URL may carry credentials.
      throw new ConfigurationException(
          "Configuration key " + key + " (from " + config.origin(key).orElse("?") + ") is invalid: "
              + e.getMessage() + "; expected a JDBC URL such as jdbc:postgresql://db:5432/jobs.");
    }
  }

  private static URI httpUrl(Configuration config, String key) {
    String text = config.getString(key).trim();
    try {
      URI uri = new URI(text);
      String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below, with the key and what is accepted.
    }
    // Quoted with its user-info and query masked: a URL may carry credentials.
    throw new ConfigurationException(
        "Configuration key " + key + " has the invalid value '" + Redactor.of(config).redactUrl(text)
            + "' (from " + config.origin(key).orElse("?") + "); expected an http or https URL with a"
            + " host, such as https://control.example.com/api.");
  }

  private static Duration positive(Configuration config, String key) {
    Duration duration = config.getDuration(key);
    if (duration.isZero() || duration.isNegative()) {
      throw config.invalidValue(key, "a duration greater than zero");
    }
    return duration;
  }

  private static int notNegative(Configuration config, String key) {
    int value = config.getInt(key);
    if (value < 0) {
      throw config.invalidValue(key, "a whole number, 0 or more");
    }
    return value;
  }
}

package dev.vdk.executionskip;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationException;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.controlservice.ControlServiceBackend;
import dev.vdk.executionskip.controlservice.ControlServiceSettings;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockBackend;
import dev.vdk.executionskip.postgres.PostgresConnectionSettings;
import java.nio.file.Path;
import java.time.Clock;

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
      case CONTROL_SERVICE -> ControlServiceBackend.from(config, clock, sleeper);
      case LOCAL -> new LocalFileLockBackend(
          config.find(ExecutionSkipKeys.EXECUTION_SKIP_LOCAL_LOCK_DIR)
              .map(Path::of)
              .orElseGet(LocalFileLockBackend::defaultLockDirectory));
      case POSTGRES -> new PostgresAdvisoryLockBackend(postgres(config));
    };
  }

  static ControlServiceSettings controlService(Configuration config) {
    return ControlServiceSettings.from(config);
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
}

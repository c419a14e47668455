package dev.vdk.executionskip.postgres;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.executionskip.backend.ExecutionBackend;

/** The {@code postgres} backend's name, keys and construction: see {@link PostgresAdvisoryLockBackend}. */
public final class PostgresAdvisoryLockProvider implements BackendProvider {
  /** The name users select this backend by. */
  public static final String NAME = "postgres";

  public static final String EXECUTION_SKIP_POSTGRES_URL = "EXECUTION_SKIP_POSTGRES_URL";
  public static final String EXECUTION_SKIP_POSTGRES_USER = "EXECUTION_SKIP_POSTGRES_USER";
  public static final String EXECUTION_SKIP_POSTGRES_PASSWORD = "EXECUTION_SKIP_POSTGRES_PASSWORD";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "a PostgreSQL advisory lock";
  }

  @Override
  public void declare(ConfigurationBuilder builder) {
    builder
        .add(EXECUTION_SKIP_POSTGRES_URL, null, "postgres and postgres-lease backends: JDBC URL, e.g. jdbc:postgresql://db:5432/jobs.")
        .add(EXECUTION_SKIP_POSTGRES_USER, null, "postgres and postgres-lease backends: user name.")
        .addSensitive(EXECUTION_SKIP_POSTGRES_PASSWORD, null, "postgres and postgres-lease backends: password.");
  }

  @Override
  public ExecutionBackend create(Configuration configuration, BackendContext context) {
    return new PostgresAdvisoryLockBackend(settings(configuration));
  }

  /**
   * The connection settings the keys give.
   *
   * @throws ConfigurationException naming the URL's key when the URL is missing or invalid
   */
  public static PostgresConnectionSettings settings(Configuration config) {
    String key = EXECUTION_SKIP_POSTGRES_URL;
    try {
      return new PostgresConnectionSettings(
          config.getString(key),
          config.find(EXECUTION_SKIP_POSTGRES_USER).orElse(null),
          config.find(EXECUTION_SKIP_POSTGRES_PASSWORD).orElse(null));
    } catch (IllegalArgumentException e) {
      // The settings' own message shows the URL with any password in it masked; the key's value
      // itself is never quoted, since a URL may carry credentials.
      throw new ConfigurationException(
          "Configuration key " + key + " (from " + config.origin(key).orElse("?") + ") is invalid: "
              + e.getMessage() + "; expected a JDBC URL such as jdbc:postgresql://db:5432/jobs.");
    }
  }
}

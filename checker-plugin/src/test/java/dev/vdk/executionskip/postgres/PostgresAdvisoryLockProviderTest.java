package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationException;
import dev.vdk.executionskip.PluginConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the postgres backend's keys become its connection settings, and the errors a bad key gives. */
class PostgresAdvisoryLockProviderTest {

  @Test
  void aMissingUrlNamesTheKey() {
    assertThatThrownBy(() -> PostgresAdvisoryLockProvider.settings(PluginConfiguration.fromEnvironment(Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL has no value");
  }

  @Test
  void aUrlOfAnotherDatabaseNamesTheKeyButNotTheSecret() {
    Configuration config =
        PluginConfiguration.fromEnvironment(
            Map.of(
                "VDK_EXECUTION_SKIP_POSTGRES_URL", "jdbc:mysql://db/jobs",
                "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", "pg-s3cret"));

    assertThatThrownBy(() -> PostgresAdvisoryLockProvider.settings(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("pg-s3cret");
  }

  @Test
  void aMalformedUrlNamesTheKeyButNeverQuotesCredentialsInIt() {
    Configuration config =
        PluginConfiguration.fromEnvironment(
            Map.of("VDK_EXECUTION_SKIP_POSTGRES_URL", "postgresql://jobs:S3cretPw@db/jobs?password=S3cretPw"));

    assertThatThrownBy(() -> PostgresAdvisoryLockProvider.settings(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("environment variable VDK_EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("jdbc:postgresql://db:5432/jobs")
        .hasMessageNotContaining("S3cretPw");
  }
}

package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.DataJob;
import dev.vdk.executionskip.controlservice.ControlServiceBackend;
import dev.vdk.executionskip.controlservice.ControlServiceSettings;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockBackend;
import dev.vdk.runtime.ConfigurationLoader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the plugin's keys become backends, and the errors a bad key gives. */
class ConfiguredBackendsTest {
  private final ConfiguredBackends backends = new ConfiguredBackends(Clock.systemUTC(), duration -> {});

  private static Configuration config(Map<String, String> env) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    ExecutionSkipKeys.declare(builder);
    return ConfigurationLoader.load(builder.keys(), DataJob.of(List.of()), env, Map.of());
  }

  @Test
  void readsEveryControlServiceKey() {
    ControlServiceSettings settings =
        ConfiguredBackends.controlService(
            config(
                Map.of(
                    "VDK_CONTROL_SERVICE_REST_API_URL", "https://control.example.com/api",
                    "VDK_API_TOKEN", "t0ken",
                    "VDK_API_TOKEN_AUTHORIZATION_URL", "https://login.example.com/oauth/token",
                    "VDK_CONTROL_HTTP_VERIFY_SSL", "no",
                    "VDK_CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS", "5",
                    "VDK_CONTROL_HTTP_READ_TIMEOUT_SECONDS", "7",
                    "VDK_CONTROL_HTTP_CONNECT_RETRIES", "1",
                    "VDK_CONTROL_HTTP_READ_RETRIES", "2",
                    "VDK_CONTROL_HTTP_TOTAL_RETRIES", "3",
                    "VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", "9")));

    assertThat(settings.restApiUrl()).isEqualTo(URI.create("https://control.example.com/api"));
    assertThat(settings.apiToken()).contains("t0ken");
    assertThat(settings.tokenUrl()).contains(URI.create("https://login.example.com/oauth/token"));
    assertThat(settings.verifySsl()).isFalse();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(List.of(settings.connectRetries(), settings.readRetries(), settings.totalRetries())).containsExactly(1, 2, 3);
    assertThat(settings.checkDeadline()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void theReferenceDefaultsApply() {
    ControlServiceSettings settings =
        ConfiguredBackends.controlService(config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:8092")));

    assertThat(settings)
        .isEqualTo(ControlServiceSettings.defaults(URI.create("http://127.0.0.1:8092")));
  }

  @Test
  void aMissingControlServiceUrlNamesTheKey() {
    assertThatThrownBy(() -> backends.create(BackendKind.CONTROL_SERVICE, config(Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CONTROL_SERVICE_REST_API_URL has no value")
        .hasMessageContaining("VDK_CONTROL_SERVICE_REST_API_URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"control.example.com", "ftp://control.example.com", "http://", "http://exa mple.com"})
  void aMalformedControlServiceUrlNamesTheKeyTheValueAndWhatIsAccepted(String url) {
    Configuration config = config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", url));

    assertThatThrownBy(() -> backends.create(BackendKind.CONTROL_SERVICE, config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CONTROL_SERVICE_REST_API_URL")
        .hasMessageContaining("'" + url + "'")
        .hasMessageContaining("an http or https URL with a host");
  }

  @Test
  void aMalformedControlServiceUrlNeverQuotesItsCredentials() {
    Configuration config = config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "ftp://alice:hunter2pw@control.example.com"));

    assertThatThrownBy(() -> backends.create(BackendKind.CONTROL_SERVICE, config))
        .hasMessageContaining("CONTROL_SERVICE_REST_API_URL")
        .hasMessageContaining("ftp://****@control.example.com")
        .hasMessageNotContaining("hunter2pw");
  }

  @Test
  void aNegativeRetryCountNamesTheKey() {
    Configuration config =
        config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:1", "VDK_CONTROL_HTTP_TOTAL_RETRIES", "-1"));

    assertThatThrownBy(() -> backends.create(BackendKind.CONTROL_SERVICE, config))
        .hasMessageContaining("CONTROL_HTTP_TOTAL_RETRIES")
        .hasMessageContaining("0 or more");
  }

  @Test
  void aZeroDeadlineIsRefused() {
    Configuration config =
        config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:1", "VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", "0"));

    assertThatThrownBy(() -> backends.create(BackendKind.CONTROL_SERVICE, config))
        .hasMessageContaining("EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS")
        .hasMessageContaining("greater than zero");
  }

  @Test
  void makesEachSelectedBackend() throws Exception {
    Configuration config =
        config(
            Map.of(
                "VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:1",
                "VDK_EXECUTION_SKIP_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/jobs"));

    assertThat(backends.create(BackendKind.CONTROL_SERVICE, config)).isInstanceOf(ControlServiceBackend.class);
    assertThat(backends.create(BackendKind.LOCAL, config)).isInstanceOf(LocalFileLockBackend.class);
    assertThat(backends.create(BackendKind.POSTGRES, config)).isInstanceOf(PostgresAdvisoryLockBackend.class);
  }

  @Test
  void aPostgresUrlOfAnotherDatabaseNamesTheKeyButNotTheSecret() {
    Configuration config =
        config(
            Map.of(
                "VDK_EXECUTION_SKIP_POSTGRES_URL", "jdbc:mysql://db/jobs",
                "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", "pg-s3cret"));

    assertThatThrownBy(() -> backends.create(BackendKind.POSTGRES, config))
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("pg-s3cret");
  }

  @Test
  void aMalformedPostgresUrlNamesTheKeyButNeverQuotesCredentialsInIt() {
    Configuration config =
        config(Map.of("VDK_EXECUTION_SKIP_POSTGRES_URL", "postgresql://jobs:S3cretPw@db/jobs?password=S3cretPw"));

    assertThatThrownBy(() -> backends.create(BackendKind.POSTGRES, config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("environment variable VDK_EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("jdbc:postgresql://db:5432/jobs")
        .hasMessageNotContaining("S3cretPw");
  }

  @Test
  void backendNamesAreReadInAnyCaseWithDashes() {
    assertThat(config(Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "Control-Service"))
            .getEnum(ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_BACKEND, BackendKind.class))
        .isEqualTo(BackendKind.CONTROL_SERVICE);
  }
}

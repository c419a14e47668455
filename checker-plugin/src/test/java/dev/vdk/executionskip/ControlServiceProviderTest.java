package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.LogConfig;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.controlservice.ControlServiceProvider;
import dev.vdk.executionskip.controlservice.ControlServiceSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the control-service backend's keys become its settings, and the errors a bad key gives. */
class ControlServiceProviderTest {
  private static final Duration DEADLINE = Duration.ofSeconds(9);

  private final ControlServiceProvider provider = new ControlServiceProvider();

  private static Configuration config(Map<String, String> environment) {
    return PluginConfiguration.fromEnvironment(environment);
  }

  private void create(Configuration config) {
    provider.create(config, new BackendContext(Clock.systemUTC(), Sleeper.SYSTEM, DEADLINE));
  }

  @Test
  void readsEveryControlServiceKey() {
    ControlServiceSettings settings =
        ControlServiceProvider.settings(
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
                    "VDK_CONTROL_HTTP_TOTAL_RETRIES", "3")),
            DEADLINE);

    assertThat(settings.restApiUrl()).isEqualTo(URI.create("https://control.example.com/api"));
    assertThat(settings.apiToken()).contains("t0ken");
    assertThat(settings.tokenUrl()).contains(URI.create("https://login.example.com/oauth/token"));
    assertThat(settings.verifySsl()).isFalse();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(List.of(settings.connectRetries(), settings.readRetries(), settings.totalRetries())).containsExactly(1, 2, 3);
    assertThat(settings.checkDeadline()).isEqualTo(DEADLINE);
  }

  @Test
  void onlyCloudRunsAreChecked() {
    assertThat(provider.checks(LogConfig.CLOUD)).isTrue();
    assertThat(provider.checks(LogConfig.LOCAL)).isFalse();
  }

  @Test
  void aMissingControlServiceUrlNamesTheKey() {
    assertThatThrownBy(() -> create(config(Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CONTROL_SERVICE_REST_API_URL has no value")
        .hasMessageContaining("VDK_CONTROL_SERVICE_REST_API_URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"control.example.com", "ftp://control.example.com", "http://", "http://exa mple.com"})
  void aMalformedControlServiceUrlNamesTheKeyTheValueAndWhatIsAccepted(String url) {
    Configuration config = config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", url));

    assertThatThrownBy(() -> create(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CONTROL_SERVICE_REST_API_URL")
        .hasMessageContaining("'" + url + "'")
        .hasMessageContaining("an http or https URL with a host");
  }

  @Test
  void aMalformedControlServiceUrlNeverQuotesItsCredentials() {
    Configuration config = config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "ftp://alice:hunter2pw@control.example.com"));

    assertThatThrownBy(() -> create(config))
        .hasMessageContaining("CONTROL_SERVICE_REST_API_URL")
        .hasMessageContaining("ftp://****@control.example.com")
        .hasMessageNotContaining("hunter2pw");
  }

  @Test
  void aNegativeRetryCountNamesTheKey() {
    Configuration config =
        config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:1", "VDK_CONTROL_HTTP_TOTAL_RETRIES", "-1"));

    assertThatThrownBy(() -> create(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CONTROL_HTTP_TOTAL_RETRIES")
        .hasMessageContaining("0 or more");
  }

  @Test
  void aZeroTimeoutNamesTheKey() {
    Configuration config =
        config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:1", "VDK_CONTROL_HTTP_READ_TIMEOUT_SECONDS", "0"));

    assertThatThrownBy(() -> create(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CONTROL_HTTP_READ_TIMEOUT_SECONDS")
        .hasMessageContaining("greater than zero");
  }
}

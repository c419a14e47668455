package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.DataJob;
import dev.vdk.runtime.ConfigurationLoader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With nothing but the URL set, the check uses the reference client's defaults, written out here
 * as the reference documents them, never taken from the code under test: connect 30 s, read
 * 900 s, 6 connect, 6 read and 10 retries in all, TLS verified; plus the plugin's own 16 MiB
 * answer cap.
 */
class ControlServiceSettingsTest {

  private static Configuration config(Map<String, String> environment) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    new ControlServiceProvider().declare(builder);
    return ConfigurationLoader.load(builder.keys(), DataJob.of(List.of()), environment, Map.of());
  }

  @Test
  void theReferenceDefaultsApplyWhenOnlyTheUrlIsSet() {
    ControlServiceSettings settings =
        ControlServiceProvider.settings(
            config(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:8092")), Duration.ofSeconds(30));

    assertThat(settings.restApiUrl()).isEqualTo(URI.create("http://127.0.0.1:8092"));
    assertThat(settings.apiToken()).isEmpty();
    assertThat(settings.tokenUrl()).isEqualTo(Optional.empty());
    assertThat(settings.verifySsl()).isTrue();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(settings.connectRetries()).isEqualTo(6);
    assertThat(settings.readRetries()).isEqualTo(6);
    assertThat(settings.totalRetries()).isEqualTo(10);
    assertThat(settings.maxAnswerBytes()).isEqualTo(16L * 1024 * 1024);
  }

  @Test
  void theDefaultsInCodeAreTheReferenceDefaults() {
    ControlServiceSettings defaults = ControlServiceSettings.defaults(URI.create("http://127.0.0.1:8092"));

    assertThat(List.of(defaults.connectTimeout(), defaults.readTimeout(), defaults.checkDeadline()))
        .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(900), Duration.ofSeconds(30));
    assertThat(List.of(defaults.connectRetries(), defaults.readRetries(), defaults.totalRetries()))
        .containsExactly(6, 6, 10);
    assertThat(defaults.verifySsl()).isTrue();
  }
}

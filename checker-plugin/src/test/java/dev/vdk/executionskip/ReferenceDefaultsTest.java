package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.executionskip.controlservice.ControlServiceProvider;
import dev.vdk.executionskip.controlservice.ControlServiceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The defaults VDK's Control Service client has, pinned as literal values: connect 30 s, read
 * 900 s, 6 connect, 6 read and 10 total retries. Compared with the code's own constants, a changed
 * constant would change the expectation too and the test could never fail.
 */
class ReferenceDefaultsTest {

  @Test
  void theDeclaredDefaultsAreVdks() {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    new ExecutionSkipKeys(BackendProviders.discover()).declare(builder);
    Map<String, Optional<String>> defaults = new HashMap<>();
    builder.keys().forEach(key -> defaults.put(key.name(), key.defaultValue()));

    assertThat(defaults)
        .containsEntry("CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS", Optional.of("30"))
        .containsEntry("CONTROL_HTTP_READ_TIMEOUT_SECONDS", Optional.of("900"))
        .containsEntry("CONTROL_HTTP_CONNECT_RETRIES", Optional.of("6"))
        .containsEntry("CONTROL_HTTP_READ_RETRIES", Optional.of("6"))
        .containsEntry("CONTROL_HTTP_TOTAL_RETRIES", Optional.of("10"))
        .containsEntry("CONTROL_HTTP_VERIFY_SSL", Optional.of("true"))
        .containsEntry("EXECUTION_SKIP_CHECKER_ENABLED", Optional.of("true"))
        .containsEntry("EXECUTION_SKIP_CHECKER_BACKEND", Optional.of("control-service"))
        .containsEntry("EXECUTION_SKIP_ON_ERROR", Optional.of("proceed"))
        .containsEntry("EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", Optional.of("30"));
  }

  @Test
  void aRunThatSetsNothingGetsThem() {
    ControlServiceSettings settings =
        ControlServiceProvider.settings(
            PluginConfiguration.fromEnvironment(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:8092")),
            Duration.ofSeconds(30));

    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(settings.connectRetries()).isEqualTo(6);
    assertThat(settings.readRetries()).isEqualTo(6);
    assertThat(settings.totalRetries()).isEqualTo(10);
    assertThat(settings.verifySsl()).isTrue();
    assertThat(settings.apiToken()).isEmpty();
    assertThat(settings.tokenUrl()).isEmpty();
  }

  @Test
  void theSettingsDefaultsForCodeThatMakesAClientDirectlyAreTheSame() {
    ControlServiceSettings defaults = ControlServiceSettings.defaults(URI.create("http://127.0.0.1:8092"));

    assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(defaults.connectRetries()).isEqualTo(6);
    assertThat(defaults.readRetries()).isEqualTo(6);
    assertThat(defaults.totalRetries()).isEqualTo(10);
    assertThat(defaults.checkDeadline()).isEqualTo(Duration.ofSeconds(30));
  }
}

package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.controlservice.ControlServiceBackend;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import dev.vdk.executionskip.local.LocalFileLockProvider;
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockBackend;
import dev.vdk.executionskip.postgreslease.PostgresLeaseBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The backends are found on the class path and selected by name; the core names none of them. */
class BackendProvidersTest {
  private final BackendProviders providers = BackendProviders.discover();

  private static Configuration config(Map<String, String> environment) {
    return PluginConfiguration.fromEnvironment(environment);
  }

  @Test
  void theServicesFileListsEachBackendOnceInTheOrderHelpNamesThem() {
    assertThat(providers.all()).extracting(BackendProvider::name)
        .startsWith("control-service", "local", "postgres", "postgres-lease")
        .doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Control-Service", "CONTROL_SERVICE", " control-service "})
  void namesAreReadInAnyCaseWithDashesOrUnderscores(String name) {
    assertThat(providers.selected(config(Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", name))).name())
        .isEqualTo("control-service");
  }

  @Test
  void withoutAChoiceTheControlServiceIsSelectedAsInVdk() {
    assertThat(providers.selected(config(Map.of())).name()).isEqualTo("control-service");
  }

  @Test
  void anUnknownNameNamesTheKeyTheValueAndEveryBackend() {
    assertThatThrownBy(() -> providers.selected(config(Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "zookeeper"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_CHECKER_BACKEND")
        .hasMessageContaining("'zookeeper'")
        .hasMessageContaining("one of control-service, local, postgres, postgres-lease");
  }

  @Test
  void eachProviderMakesItsBackendWhoseNameIsTheOneItIsSelectedBy() throws Exception {
    Configuration config =
        config(
            Map.of(
                "VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:1",
                "VDK_EXECUTION_SKIP_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/jobs"));
    BackendContext context = new BackendContext(Clock.systemUTC(), Sleeper.SYSTEM, Duration.ofSeconds(30));

    for (BackendProvider provider : providers.all()) {
      assertThat(provider.create(config, context).name()).isEqualTo(provider.name());
    }
    assertThat(providers.selected(config(Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local"))).create(config, context))
        .isInstanceOf(LocalFileLockBackend.class);
    assertThat(providers.selected(config(Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres"))).create(config, context))
        .isInstanceOf(PostgresAdvisoryLockBackend.class);
    assertThat(providers.selected(config(Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres-lease"))).create(config, context))
        .isInstanceOf(PostgresLeaseBackend.class);
    assertThat(ControlServiceBackend.NAME).isEqualTo("control-service");
  }

  @Test
  void theBackendKeyListsEveryBackendWithWhatItCountsWith() {
    assertThat(providers.describe())
        .startsWith("control-service (ask the Control Service; CLOUD runs only), local (an OS file lock on this"
            + " machine)")
        .contains("postgres (a PostgreSQL advisory lock)")
        .endsWith("postgres-lease (a renewed lease in a PostgreSQL table)");
    for (BackendProvider provider : providers.all()) {
      assertThat(providers.describe()).contains(provider.name() + " (" + provider.summary() + ")");
    }
  }

  @Test
  void twoBackendsOfOneNameAreRefusedNamingBoth() {
    BackendProvider impostor =
        new BackendProvider() {
          @Override
          public String name() {
            return "LOCAL";
          }

          @Override
          public String summary() {
            return "another lock";
          }

          @Override
          public void declare(ConfigurationBuilder builder) {}

          @Override
          public ExecutionBackend create(Configuration config, BackendContext context) {
            throw new UnsupportedOperationException();
          }
        };

    assertThatThrownBy(() -> BackendProviders.of(List.of(new LocalFileLockProvider(), impostor)))
        .hasMessageContaining("Two backends are named LOCAL")
        .hasMessageContaining(LocalFileLockProvider.class.getName());
  }
}

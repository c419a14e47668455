package dev.vdk.executionskip.postgreslease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationException;
import dev.vdk.executionskip.BackendProviders;
import dev.vdk.executionskip.PluginConfiguration;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.executionskip.backend.ExecutionBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The postgres-lease backend's keys: their defaults, and the errors a bad value gives. */
class PostgresLeaseProviderTest {
  private static final BackendContext CONTEXT = new BackendContext(Clock.systemUTC(), duration -> {}, Duration.ofSeconds(30));

  private static Configuration config(Map<String, String> variables) {
    Map<String, String> env = new HashMap<>(Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres-lease",
        "VDK_EXECUTION_SKIP_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/jobs"));
    env.putAll(variables);
    return PluginConfiguration.fromEnvironment(env);
  }

  private static ExecutionBackend create(Map<String, String> variables) throws Exception {
    return new PostgresLeaseProvider().create(config(variables), CONTEXT);
  }

  @Test
  void theBackendIsSelectedByItsNameAndMadeFromTheDefaults() throws Exception {
    Configuration config = config(Map.of());
    BackendProvider selected = BackendProviders.discover().selected(config);

    assertThat(selected).isInstanceOf(PostgresLeaseProvider.class);
    assertThat(selected.create(config, CONTEXT))
        .isInstanceOf(PostgresLeaseBackend.class)
        .extracting(backend -> backend.name())
        .isEqualTo("postgres-lease");
    assertThat(config.getString(PostgresLeaseProvider.EXECUTION_SKIP_LEASE_TTL_SECONDS)).isEqualTo("30");
    assertThat(config.getString(PostgresLeaseProvider.EXECUTION_SKIP_POSTGRES_TABLE)).isEqualTo("vdk_execution_leases");
  }

  @Test
  void aLeaseShorterThanASecondIsABadSetting() {
    assertThatThrownBy(() -> create(Map.of("VDK_EXECUTION_SKIP_LEASE_TTL_SECONDS", "500ms")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_LEASE_TTL_SECONDS has the invalid value '500ms'")
        .hasMessageContaining("a duration of at least 1 s, e.g. 30");
  }

  @Test
  void aTableNameThatIsNotAPlainSqlNameIsABadSetting() {
    assertThatThrownBy(() -> create(Map.of("VDK_EXECUTION_SKIP_POSTGRES_TABLE", "leases; DROP TABLE jobs")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_TABLE has the invalid value 'leases; DROP TABLE jobs'")
        .hasMessageContaining("a table name such as vdk_execution_leases or jobs.vdk_execution_leases");
  }

  @Test
  void aMissingUrlNamesTheSharedKey() {
    assertThatThrownBy(() -> new PostgresLeaseProvider().create(
            PluginConfiguration.fromEnvironment(Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres-lease")), CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL has no value");
  }

  @Test
  void aSchemaQualifiedTableIsAccepted() throws Exception {
    assertThat(create(Map.of("VDK_EXECUTION_SKIP_POSTGRES_TABLE", "jobs.leases")))
        .isInstanceOf(PostgresLeaseBackend.class);
  }
}

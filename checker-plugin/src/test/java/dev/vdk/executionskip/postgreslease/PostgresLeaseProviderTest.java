package dev.vdk.executionskip.postgreslease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.DataJob;
import dev.vdk.executionskip.BackendKind;
import dev.vdk.executionskip.ConfiguredBackends;
import dev.vdk.executionskip.ExecutionSkipKeys;
import dev.vdk.runtime.ConfigurationLoader;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The postgres-lease backend's keys: their defaults, and the errors a bad value gives. */
class PostgresLeaseProviderTest {
  private final ConfiguredBackends backends = new ConfiguredBackends(Clock.systemUTC(), duration -> {});

  private static Configuration config(Map<String, String> variables) {
    Map<String, String> env = new HashMap<>(Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres-lease",
        "VDK_EXECUTION_SKIP_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/jobs"));
    env.putAll(variables);
    ConfigurationBuilder builder = new ConfigurationBuilder();
    ExecutionSkipKeys.declare(builder);
    return ConfigurationLoader.load(builder.keys(), DataJob.of(List.of()), env, Map.of());
  }

  @Test
  void theBackendIsSelectedByItsNameAndMadeFromTheDefaults() throws Exception {
    Configuration config = config(Map.of());

    assertThat(config.getEnum(ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_BACKEND, BackendKind.class))
        .isEqualTo(BackendKind.POSTGRES_LEASE);
    assertThat(backends.create(BackendKind.POSTGRES_LEASE, config))
        .isInstanceOf(PostgresLeaseBackend.class)
        .extracting(backend -> backend.name())
        .isEqualTo("postgres-lease");
    assertThat(config.getString(PostgresLeaseProvider.EXECUTION_SKIP_LEASE_TTL_SECONDS)).isEqualTo("30");
    assertThat(config.getString(PostgresLeaseProvider.EXECUTION_SKIP_POSTGRES_TABLE)).isEqualTo("vdk_execution_leases");
  }

  @Test
  void aLeaseShorterThanASecondIsABadSetting() {
    assertThatThrownBy(() -> backends.create(BackendKind.POSTGRES_LEASE,
            config(Map.of("VDK_EXECUTION_SKIP_LEASE_TTL_SECONDS", "500ms"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_LEASE_TTL_SECONDS has the invalid value '500ms'")
        .hasMessageContaining("a duration of at least 1 s, e.g. 30");
  }

  @Test
  void aTableNameThatIsNotAPlainSqlNameIsABadSetting() {
    assertThatThrownBy(() -> backends.create(BackendKind.POSTGRES_LEASE,
            config(Map.of("VDK_EXECUTION_SKIP_POSTGRES_TABLE", "leases; DROP TABLE jobs"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_TABLE has the invalid value 'leases; DROP TABLE jobs'")
        .hasMessageContaining("a table name such as vdk_execution_leases or jobs.vdk_execution_leases");
  }

  @Test
  void aSchemaQualifiedTableIsAccepted() throws Exception {
    assertThat(backends.create(BackendKind.POSTGRES_LEASE,
            config(Map.of("VDK_EXECUTION_SKIP_POSTGRES_TABLE", "jobs.leases"))))
        .isInstanceOf(PostgresLeaseBackend.class);
  }
}

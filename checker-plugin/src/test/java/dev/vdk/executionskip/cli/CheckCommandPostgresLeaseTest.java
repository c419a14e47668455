package dev.vdk.executionskip.cli;

import dev.vdk.executionskip.PluginConfiguration;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.postgres.TestPostgres;
import dev.vdk.executionskip.postgreslease.PostgresLeaseProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command with the {@code postgres-lease} backend, against a real server on loopback: the probe
 * tests every lock backend passes.
 */
class CheckCommandPostgresLeaseTest extends LockProbeContract {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @Override
  Map<String, String> environment() {
    return Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres-lease",
        "VDK_EXECUTION_SKIP_POSTGRES_URL", postgres.jdbcUrl(),
        "VDK_EXECUTION_SKIP_POSTGRES_USER", TestPostgres.USER,
        "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", TestPostgres.PASSWORD);
  }

  /** A holder made as a job's check makes it, from the same keys, so that both use the same table. */
  @Override
  ExecutionBackend backend() throws Exception {
    return new PostgresLeaseProvider()
        .create(
            PluginConfiguration.fromEnvironment(environment()),
            new BackendContext(Clock.systemUTC(), Sleeper.SYSTEM, Duration.ofSeconds(30)));
  }
}

package dev.vdk.executionskip.postgreslease;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockProvider;
import java.time.Duration;

/**
 * The {@code postgres-lease} backend's name, own keys, their defaults and validation, and how it
 * is made: see {@link PostgresLeaseBackend}. It shares the connection keys ({@code
 * EXECUTION_SKIP_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}) with the {@code postgres}
 * backend, whose provider declares and reads them.
 */
public final class PostgresLeaseProvider implements BackendProvider {
  /** The name users select this backend by. */
  public static final String NAME = "postgres-lease";

  public static final String EXECUTION_SKIP_LEASE_TTL_SECONDS = "EXECUTION_SKIP_LEASE_TTL_SECONDS";
  public static final String EXECUTION_SKIP_POSTGRES_TABLE = "EXECUTION_SKIP_POSTGRES_TABLE";

  static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  /** Below this the renewals (every third of it) would come faster than a connection can open. */
  static final Duration MINIMUM_TTL = Duration.ofSeconds(1);
  static final String DEFAULT_TABLE = "vdk_execution_leases";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "a renewed lease in a PostgreSQL table";
  }

  @Override
  public void declare(ConfigurationBuilder builder) {
    builder
        .add(
            EXECUTION_SKIP_LEASE_TTL_SECONDS,
            DEFAULT_TTL.toSeconds(),
            "postgres-lease backend: how long a lease lasts unless renewed (every third of it); a"
                + " holder that dies frees its job within this time plus one renewal interval. At"
                + " least 1 s.")
        .add(
            EXECUTION_SKIP_POSTGRES_TABLE,
            DEFAULT_TABLE,
            "postgres-lease backend: the lease table, optionally schema-qualified; created when"
                + " missing.");
  }

  /**
   * Reads and checks this backend's keys and the shared connection keys, and makes it. A start
   * retries a server that has no free connection for at most the check's deadline.
   *
   * @throws dev.vdk.api.ConfigurationException naming a key with a bad value and what is accepted
   */
  @Override
  public ExecutionBackend create(Configuration config, BackendContext context) {
    Duration ttl = config.getDuration(EXECUTION_SKIP_LEASE_TTL_SECONDS);
    if (ttl.compareTo(MINIMUM_TTL) < 0) {
      throw config.invalidValue(EXECUTION_SKIP_LEASE_TTL_SECONDS, "a duration of at least 1 s, e.g. 30");
    }
    LeaseTable table;
    try {
      table = LeaseTable.named(config.getString(EXECUTION_SKIP_POSTGRES_TABLE).trim());
    } catch (IllegalArgumentException e) {
      throw config.invalidValue(EXECUTION_SKIP_POSTGRES_TABLE, e.getMessage());
    }
    return new PostgresLeaseBackend(
        LeaseConnections.direct(PostgresAdvisoryLockProvider.settings(config), ttl, context.clock(), context.sleeper()),
        table, ttl, context.checkDeadline());
  }
}

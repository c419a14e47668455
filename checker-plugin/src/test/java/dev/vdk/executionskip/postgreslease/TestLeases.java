package dev.vdk.executionskip.postgreslease;

import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.postgres.PostgresConnector;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/** Lease backends over a test server, each test over a table of its own. */
final class TestLeases {
  static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final AtomicInteger TABLES = new AtomicInteger();

  private TestLeases() {}

  /** A table name no other test in this JVM uses. */
  static String freshTable() {
    return "leases_" + TABLES.incrementAndGet();
  }

  static PostgresLeaseBackend backend(TestPostgres postgres, String table, Duration ttl) {
    return new PostgresLeaseBackend(postgres.settings(), table, ttl, DEADLINE);
  }

  static PostgresLeaseBackend backend(
      PostgresConnector connector, String table, Duration ttl, Duration deadline, Sleeper sleeper) {
    return new PostgresLeaseBackend(
        new LeaseConnections(connector, Clock.systemUTC(), sleeper, RandomGenerator.getDefault()),
        LeaseTable.named(table), ttl, deadline);
  }

  /**
   * Runs one statement as the superuser, with the job's team and name bound to its first two
   * parameters; returns how many rows it changed.
   */
  static int asSuperuser(TestPostgres postgres, String sql, String team, String job) throws SQLException {
    try (Connection admin = postgres.superuser(); PreparedStatement statement = admin.prepareStatement(sql)) {
      statement.setString(1, team);
      statement.setString(2, job);
      return statement.executeUpdate();
    }
  }
}

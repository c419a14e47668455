package dev.vdk.executionskip.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for one test class (register it as a static extension), on loopback
 * only, with a role that must log in with a password (zonky's own setup trusts everyone, which
 * would let a wrong password pass unseen). Public for the check command's tests.
 *
 * <p>Running as root: {@code initdb} and {@code postgres} refuse uid 0, and zonky knows it: when it
 * runs as root and {@code unshare -U} works, it starts them inside a new user namespace, where they
 * run as an unprivileged user ("nobody"). Nothing to configure here; on a machine where user
 * namespaces are disabled the tests need a non-root user.
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {
  public static final String USER = "vdk_job";
  public static final String PASSWORD = "Pw-4f9c-never-in-a-log";

  private final Map<String, String> serverSettings;
  private EmbeddedPostgres server;

  /** A server with PostgreSQL's default settings. */
  public TestPostgres() {
    this(Map.of());
  }

  /** A server started with these settings, e.g. {@code max_connections}. */
  public TestPostgres(Map<String, String> serverSettings) {
    this.serverSettings = Map.copyOf(serverSettings);
  }

  /** Starts the server once for the test class that registers this extension. */
  @Override
  public void beforeAll(ExtensionContext context) throws IOException, SQLException {
    // zonky checks that the server is up through PGSimpleDataSource, that is through
    // DriverManager, from which the plugin withdraws the driver (see BundledDriver): lend it the
    // registration for the start only, so DriverManager is left as the plugin leaves it.
    boolean lent = !org.postgresql.Driver.isRegistered();
    if (lent) {
      org.postgresql.Driver.register();
    }
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      serverSettings.forEach(builder::setServerConfig);
      server = builder
          .setDataDirectoryCustomizer(dataDirectory -> {
            try {
              Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"),
                  "local all all trust\n"
                      + "host all postgres 127.0.0.1/32 trust\n"
                      + "host all postgres ::1/128 trust\n"
                      + "host all all 127.0.0.1/32 scram-sha-256\n"
                      + "host all all ::1/128 scram-sha-256\n");
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .start();
    } finally {
      if (lent) {
        org.postgresql.Driver.deregister();
      }
    }
    try (Connection admin = superuser(); Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
  }

  public PostgresConnectionSettings settings() {
    return new PostgresConnectionSettings(jdbcUrl(), USER, PASSWORD);
  }

  /**
   * Settings for a new login role, neither superuser nor member of pg_read_all_stats, so that the
   * server hides its sessions' details from {@link #USER} and the other way round. pg_hba already
   * asks every role but postgres for a password over loopback.
   */
  public PostgresConnectionSettings settingsForNewRole(String role, String password) throws SQLException {
    try (Connection admin = superuser(); Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
    }
    return new PostgresConnectionSettings(jdbcUrl(), role, password);
  }

  /** A connection that is no execution: for looking at pg_locks or waiting on a lock. */
  public Connection superuser() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    return new org.postgresql.Driver().connect(jdbcUrl(), properties);
  }

  /**
   * Ends the session that holds {@code key}, as an operator's {@code pg_terminate_backend} would.
   *
   * @return the server pid of the session ended
   */
  int terminateHolderOf(AdvisoryLockKey key) throws SQLException {
    int pid = holderOf(key);
    try (Connection admin = superuser();
        PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
      terminate.setInt(1, pid);
      try (ResultSet result = terminate.executeQuery()) {
        result.next();
        if (!result.getBoolean(1)) {
          throw new IllegalStateException("The server did not end session " + pid + ".");
        }
      }
      return pid;
    }
  }

  /**
   * Stops the server process of the session that holds {@code key} (SIGSTOP) until the returned
   * handle is closed (SIGCONT): to its client, a server that no longer answers, as behind a silent
   * network partition. The session and its lock live on meanwhile.
   */
  AutoCloseable freezeHolderOf(AdvisoryLockKey key) throws SQLException, IOException, InterruptedException {
    int pid = holderOf(key);
    signal("STOP", pid);
    return () -> signal("CONT", pid);
  }

  private static void signal(String signal, int pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Integer.toString(pid)).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS)) {
      kill.destroyForcibly();
      throw new IllegalStateException("kill -" + signal + " " + pid + " did not end within 10 s.");
    }
    if (kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + pid + " failed with exit code " + kill.exitValue() + ".");
    }
  }

  /** The server pid of the session that holds {@code key}. */
  private int holderOf(AdvisoryLockKey key) throws SQLException {
    try (Connection admin = superuser();
        PreparedStatement holder = admin.prepareStatement(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1"
                + " AND classid = ?::bigint::oid AND objid = ?::bigint::oid")) {
      holder.setLong(1, key.classId());
      holder.setLong(2, key.objId());
      try (ResultSet result = holder.executeQuery()) {
        if (!result.next()) {
          throw new IllegalStateException("No session holds advisory lock " + key.value() + ".");
        }
        return result.getInt(1);
      }
    }
  }

  /**
   * Returns once no session holds {@code key}: a blocking lock that the server grants the moment
   * the key is free, bounded by {@code lock_timeout}.
   */
  void awaitFree(AdvisoryLockKey key, Duration bound) throws SQLException {
    try (Connection waiter = superuser()) {
      try (Statement statement = waiter.createStatement()) {
        statement.execute("SET lock_timeout = '" + bound.toMillis() + "ms'");
      }
      try (PreparedStatement lock = waiter.prepareStatement("SELECT pg_advisory_lock(?)");
          PreparedStatement unlock = waiter.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        lock.setLong(1, key.value());
        lock.execute();
        unlock.setLong(1, key.value());
        unlock.execute();
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    server.close();
  }
}

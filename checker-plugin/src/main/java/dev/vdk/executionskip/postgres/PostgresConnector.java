package dev.vdk.executionskip.postgres;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;

/** Opens a new connection to the PostgreSQL server; injected so tests can count or break them. */
@FunctionalInterface
public interface PostgresConnector {

  /** A new connection, which the caller owns and closes. */
  Connection connect() throws SQLException;

  /** Connects with the PostgreSQL JDBC driver that ships with the plugin. */
  static PostgresConnector direct(PostgresConnectionSettings settings) {
    // The driver itself rather than DriverManager: a job may bring its own PostgreSQL driver, and
    // DriverManager would hand the URL to whichever driver registered first. BundledDriver also
    // keeps ours out of DriverManager, so that the job's own lookups never find it.
    Driver driver = BundledDriver.INSTANCE;
    return () -> {
      Connection connection = driver.connect(settings.urlForDriver(), settings.driverProperties());
      if (connection == null) {
        throw new SQLException(
            "The PostgreSQL driver does not accept the URL " + settings.redactedUrl());
      }
      return connection;
    };
  }
}

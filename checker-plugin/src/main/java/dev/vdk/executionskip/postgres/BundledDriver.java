package dev.vdk.executionskip.postgres;

import java.lang.System.Logger.Level;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL JDBC driver that ships with the plugin, kept out of {@link
 * java.sql.DriverManager}.
 *
 * <p>Loading {@code org.postgresql.Driver} runs its static initialiser, which registers an
 * instance with DriverManager. In the plugin jar the class is relocated, yet a registered copy
 * still accepts every {@code jdbc:postgresql:} URL, and DriverManager asks registered drivers in
 * turn: a job's own {@code DriverManager.getConnection} could be served by the plugin's driver
 * version, the very clash relocation is there to prevent. The plugin itself never needs
 * DriverManager, it calls the driver directly, so the registration is withdrawn.
 */
final class BundledDriver {
  private static final System.Logger LOG = System.getLogger(BundledDriver.class.getName());

  /** Created and withdrawn once, when this class initialises, which the JVM does exactly once. */
  static final Driver INSTANCE = withdrawnFromDriverManager(new org.postgresql.Driver());

  private BundledDriver() {}

  /**
   * The connection properties the driver reads from {@code url} (hosts in {@code PGHOST}, ports in
   * {@code PGPORT}, options by name), or empty when it cannot read it. Through this class, so that
   * the driver is withdrawn from DriverManager before it is first used. A URL without a password
   * lets the driver look in {@code .pgpass}, as connecting would; what it finds is never shown.
   */
  static Optional<Properties> parseUrl(String url) {
    return Optional.ofNullable(org.postgresql.Driver.parseURL(url, null));
  }

  /**
   * Only the plugin's own, relocated copy is withdrawn. Unrelocated (in this module's tests, or an
   * IDE run before packaging) the class is the job's driver too, whose registration the job may
   * need. The prefix literal matches no relocation pattern, so shading leaves it as it is.
   */
  static boolean isPluginsOwnCopy(String driverClassName) {
    return driverClassName.startsWith("dev.vdk.executionskip.shaded.");
  }

  private static Driver withdrawnFromDriverManager(Driver driver) {
    if (!isPluginsOwnCopy(driver.getClass().getName())) {
      return driver;
    }
    try {
      if (org.postgresql.Driver.isRegistered()) {
        org.postgresql.Driver.deregister();
      }
    } catch (SQLException | RuntimeException e) {
      // The plugin works either way; only a job's own DriverManager use may be affected.
      LOG.log(Level.WARNING,
          "The execution-skip plugin could not withdraw its PostgreSQL driver from "
              + "java.sql.DriverManager, so a job's own jdbc:postgresql: connections may be "
              + "served by the plugin's driver.", e);
    }
    return driver;
  }
}

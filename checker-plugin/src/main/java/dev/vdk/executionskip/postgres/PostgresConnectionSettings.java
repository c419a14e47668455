package dev.vdk.executionskip.postgres;

import dev.vdk.api.Redactor;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and as whom the {@code postgres} backend connects. The password never appears in {@link
 * #toString()}; wherever the URL is shown its user-info and query are masked, and the driver never
 * sees the credentials a URL may carry (see {@link JdbcUrlCredentials}).
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL
 * @param user the role, or null when the URL names it
 * @param password the password, or null when none is needed or the URL holds it
 * @param connectTimeout bounds opening the socket and logging in
 * @param socketTimeout the driver's {@code socketTimeout}: how long a statement (acquire, holder
 *     lookup) waits for the server's answer; no server {@code statement_timeout} is set. An idle
 *     held connection waits on nothing; once watched, its checks and the release are bounded by the
 *     watchdog's shorter network timeout instead (see {@link LockWatchdog})
 */
public record PostgresConnectionSettings(
    String jdbcUrl, String user, String password, Duration connectTimeout, Duration socketTimeout) {

  public PostgresConnectionSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(socketTimeout, "socketTimeout");
    if (!jdbcUrl.startsWith(JdbcUrlCredentials.PREFIX)) {
      throw new IllegalArgumentException(
          "The PostgreSQL JDBC URL must start with jdbc:postgresql:, but it is " + redact(jdbcUrl));
    }
    SingleServerUrl.check(JdbcUrlCredentials.split(jdbcUrl).url());
  }

  /** Settings with a 10 s connect timeout and a 30 s socket timeout. */
  public PostgresConnectionSettings(String jdbcUrl, String user, String password) {
    this(jdbcUrl, user, password, Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  /** The URL as it may be shown: its user-info and query masked. */
  public String redactedUrl() {
    return redact(jdbcUrl);
  }

  /** The URL handed to the driver: without the user-info and the secret parameters. */
  String urlForDriver() {
    return JdbcUrlCredentials.split(jdbcUrl).url();
  }

  /**
   * The driver properties: credentials (the settings' own over those taken out of the URL),
   * timeouts, and TCP keepalive so a dead peer is noticed.
   */
  Properties driverProperties() {
    Properties properties = new Properties();
    JdbcUrlCredentials.split(jdbcUrl).properties().forEach(properties::setProperty);
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    // pgjdbc takes these in whole seconds; 0 would mean "no limit", so round up to at least 1.
    String connectSeconds = Long.toString(Math.max(1, connectTimeout.toSeconds()));
    properties.setProperty("connectTimeout", connectSeconds);
    properties.setProperty("loginTimeout", connectSeconds);
    properties.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("ApplicationName", "vdk-execution-skip");
    return properties;
  }

  @Override
  public String toString() {
    return "PostgresConnectionSettings[jdbcUrl=" + redactedUrl() + ", user=" + user
        + ", password=" + (password == null ? "none" : Redactor.MASK) + ", connectTimeout=" + connectTimeout
        + ", socketTimeout=" + socketTimeout + "]";
  }

  private static String redact(String url) {
    return Redactor.withoutSecrets().redactUrl(url);
  }
}

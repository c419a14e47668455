package dev.vdk.executionskip.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and as whom the {@code postgres} backend connects. The password never appears in {@link
 * #toString()}, and a password inside the JDBC URL is masked wherever the URL is shown.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL
 * @param user the role, or null when the URL names it
 * @param password the password, or null when none is needed or the URL holds it
 * @param connectTimeout bounds opening the socket and logging in
 * @param socketTimeout bounds each statement's wait for the server (acquire, holder lookup,
 *     release); an idle held connection is not affected, it waits on nothing
 */
public record PostgresConnectionSettings(
    String jdbcUrl, String user, String password, Duration connectTimeout, Duration socketTimeout) {

  private static final String MASK = "****";
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&])password=([^&]*)&?");

  public PostgresConnectionSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(socketTimeout, "socketTimeout");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "The PostgreSQL JDBC URL must start with jdbc:postgresql:, but it is " + redact(jdbcUrl));
    }
    SingleServerUrl.check(jdbcUrl);
  }

  /** Settings with a 10 s connect timeout and a 30 s statement timeout. */
  public PostgresConnectionSettings(String jdbcUrl, String user, String password) {
    this(jdbcUrl, user, password, Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  /** The URL as it may be shown: any password in it is masked. */
  public String redactedUrl() {
    return redact(jdbcUrl);
  }

  /**
   * The URL handed to the driver: a {@code password} parameter moves into the driver properties,
   * because pgjdbc logs the URL it connects with at debug level.
   */
  String urlForDriver() {
    return PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1").replaceAll("[?&]$", "");
  }

  /** The driver properties: credentials, timeouts, and TCP keepalive so a dead peer is noticed. */
  Properties driverProperties() {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    Matcher inUrl = PASSWORD_PARAMETER.matcher(jdbcUrl);
    if (password != null) {
      properties.setProperty("password", password);
    } else if (inUrl.find()) {
      properties.setProperty("password", URLDecoder.decode(inUrl.group(2), StandardCharsets.UTF_8));
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
        + ", password=" + (password == null ? "none" : MASK) + ", connectTimeout=" + connectTimeout
        + ", socketTimeout=" + socketTimeout + "]";
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1" + MASK)
        .replaceAll("//[^/@?]*@", "//" + MASK + "@");
  }
}

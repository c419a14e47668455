package dev.vdk.executionskip.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Refuses a JDBC URL that could connect executions of one job to different servers. An advisory
 * lock lives on the server that grants it, so two executions connected to two servers would each
 * hold a lock of their own and both run.
 *
 * <p>The URL is read by the bundled driver itself ({@link BundledDriver#parseUrl}), so that hosts
 * are found wherever the driver takes them from: before the path ({@code //h1,h2/db}) or in the
 * query ({@code host=}, {@code PGHOST=}). Refused are: more than one host; a connection service
 * ({@code service=}), whose hosts come from a {@code pg_service.conf} that may name several and may
 * differ between machines; {@code loadBalanceHosts=true}; a {@code targetServerType} other than
 * {@code any} or {@code primary}; and a URL the driver cannot read at all, whose servers cannot be
 * known. Option names are compared in any case, which refuses more than the driver reads, never
 * less.
 */
final class SingleServerUrl {
  private static final String WHY =
      "; the advisory lock lives on one server, and executions connected to different servers would"
          + " each hold a lock of their own";
  private static final Set<String> ONE_SERVER_TYPES = Set.of("any", "primary", "master");

  private SingleServerUrl() {}

  /**
   * Throws {@link IllegalArgumentException}, saying what was found and why, unless {@code
   * urlForDriver} (a URL without credentials) names one server. The message quotes host names and
   * options only, never the URL.
   */
  static void check(String urlForDriver) {
    // Before the driver reads the URL: it would read pg_service.conf, from wherever it finds one.
    for (String parameter : query(urlForDriver)) {
      if (decoded(parameter.split("=", 2)[0]).toLowerCase(Locale.ROOT).equals("service")) {
        throw new IllegalArgumentException(
            "The PostgreSQL JDBC URL sets " + shown(parameter) + ", which takes the server from a"
                + " pg_service.conf that may name several hosts and may differ between machines" + WHY
                + ". Name the host in the URL");
      }
    }
    Properties parsed =
        BundledDriver.parseUrl(urlForDriver)
            .orElseThrow(() -> new IllegalArgumentException(
                "The PostgreSQL JDBC URL cannot be checked: the PostgreSQL driver cannot read it (a"
                    + " malformed %-escape, a / in the database name, or hosts and ports that do not"
                    + " pair up would do that), so which servers it names is unknown"));
    List<String> hosts = servers(parsed);
    if (hosts.size() > 1) {
      throw new IllegalArgumentException(
          "The PostgreSQL JDBC URL names " + hosts.size() + " servers ("
              + String.join(", ", hosts.stream().map(SingleServerUrl::shown).toList()) + ")" + WHY
              + ". Name one host");
    }
    for (Map.Entry<Object, Object> option : parsed.entrySet()) {
      String name = String.valueOf(option.getKey());
      String value = String.valueOf(option.getValue());
      String setting = shown(name + "=" + value);
      String lowerValue = value.toLowerCase(Locale.ROOT);
      if (name.equalsIgnoreCase("loadBalanceHosts") && !lowerValue.equals("false")) {
        throw new IllegalArgumentException(
            "The PostgreSQL JDBC URL sets " + setting
                + ", which spreads connections over several servers" + WHY + ". Leave it out");
      }
      if (name.equalsIgnoreCase("targetServerType") && !ONE_SERVER_TYPES.contains(lowerValue)) {
        throw new IllegalArgumentException(
            "The PostgreSQL JDBC URL sets " + setting
                + ", which picks a server by its role when connecting" + WHY
                + "; accepted: any or primary");
      }
    }
  }

  /** The driver's hosts, each with its port, as it pairs them when connecting. */
  private static List<String> servers(Properties parsed) {
    List<String> hosts = Arrays.asList(parsed.getProperty("PGHOST", "").split(",", -1));
    List<String> ports = Arrays.asList(parsed.getProperty("PGPORT", "").split(",", -1));
    List<String> servers = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      servers.add(i < ports.size() && !ports.get(i).isEmpty() ? hosts.get(i) + ":" + ports.get(i) : hosts.get(i));
    }
    return servers;
  }

  private static List<String> query(String url) {
    int queryStart = url.indexOf('?');
    return queryStart < 0 ? List.of() : List.of(url.substring(queryStart + 1).split("&"));
  }

  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /** What the URL says, limited to characters a host name or an option can hold. */
  private static String shown(String text) {
    String safe = text.replaceAll("[^A-Za-z0-9_.:=\\[\\]%-]", "?");
    return safe.length() > 80 ? safe.substring(0, 80) + "…" : safe;
  }
}

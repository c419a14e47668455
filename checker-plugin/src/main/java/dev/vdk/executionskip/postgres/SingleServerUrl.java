package dev.vdk.executionskip.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a JDBC URL that could connect executions of one job to different servers. An advisory
 * lock lives on the server that grants it, so two executions connected to two servers would each
 * hold a lock of their own and both run. That is a URL that names several hosts (the driver tries
 * them in turn), and the options that choose among servers: {@code loadBalanceHosts=true}, and a
 * {@code targetServerType} other than {@code any} or {@code primary}.
 */
final class SingleServerUrl {
  private static final String PREFIX = "jdbc:postgresql:";
  private static final String WHY =
      "; the advisory lock lives on one server, and executions connected to different servers would"
          + " each hold a lock of their own";
  private static final Set<String> ONE_SERVER_TYPES = Set.of("any", "primary", "master");

  private SingleServerUrl() {}

  /** Throws {@link IllegalArgumentException}, saying what was found and why, unless the URL names one server. */
  static void check(String jdbcUrl) {
    String rest = jdbcUrl.substring(PREFIX.length());
    int queryStart = rest.indexOf('?');
    String location = queryStart < 0 ? rest : rest.substring(0, queryStart);
    if (location.startsWith("//")) {
      String authority = location.substring(2).split("/", 2)[0];
      // Credentials before an @ are never shown.
      List<String> hosts = Arrays.asList(authority.substring(authority.lastIndexOf('@') + 1).split(",", -1));
      if (hosts.size() > 1) {
        throw new IllegalArgumentException(
            "The PostgreSQL JDBC URL names " + hosts.size() + " servers ("
                + String.join(", ", hosts.stream().map(SingleServerUrl::shown).toList()) + ")" + WHY
                + ". Name one host");
      }
    }
    if (queryStart < 0) {
      return;
    }
    for (String parameter : rest.substring(queryStart + 1).split("&")) {
      String[] pair = parameter.split("=", 2);
      String name = decoded(pair[0]).toLowerCase(Locale.ROOT);
      String value = pair.length > 1 ? decoded(pair[1]).toLowerCase(Locale.ROOT) : "";
      if (name.equals("loadbalancehosts") && !value.equals("false")) {
        throw new IllegalArgumentException(
            "The PostgreSQL JDBC URL sets " + shown(parameter)
                + ", which spreads connections over several servers" + WHY + ". Leave it out");
      }
      if (name.equals("targetservertype") && !ONE_SERVER_TYPES.contains(value)) {
        throw new IllegalArgumentException(
            "The PostgreSQL JDBC URL sets " + shown(parameter)
                + ", which picks a server by its role when connecting" + WHY
                + "; accepted: any or primary");
      }
    }
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

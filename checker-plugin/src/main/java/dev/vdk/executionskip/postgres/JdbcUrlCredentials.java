package dev.vdk.executionskip.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A PostgreSQL JDBC URL split into what the driver may see and the credentials it carried: the
 * user and password of a user-info ({@code jdbc:postgresql://user:password@host/db}) and the
 * secret parameters of the query ({@code password}, {@code sslpassword}, the passphrase of the
 * client key). The driver gets the URL without them and the credentials as connection properties:
 * it logs the URL it connects with, and its exceptions quote the host it could not reach, which
 * for a user-info it does not understand would be {@code user:password@host}.
 *
 * <p>The user-info ends at the last {@code @} before the query, so a password may hold {@code @};
 * an {@code @} in the database name must be written {@code %40}. User-info is percent-decoded,
 * parameters are decoded as the driver decodes them.
 *
 * @param url the URL for the driver: no user-info, no secret parameter
 * @param properties driver properties by name: {@code user} and {@code password} from the
 *     user-info, {@code password} and {@code sslpassword} from the query (the user-info's password
 *     wins over a {@code password} parameter)
 */
record JdbcUrlCredentials(String url, Map<String, String> properties) {

  static final String PREFIX = "jdbc:postgresql:";

  /** Query parameters that hold a secret, as the driver names them (it ignores their case). */
  static final Set<String> SECRET_PARAMETERS = Set.of("password", "sslpassword");

  JdbcUrlCredentials {
    properties = Map.copyOf(properties);
  }

  /** Splits {@code jdbcUrl}, which starts with {@value #PREFIX}. */
  static JdbcUrlCredentials split(String jdbcUrl) {
    String rest = jdbcUrl.substring(PREFIX.length());
    int question = rest.indexOf('?');
    String base = question < 0 ? rest : rest.substring(0, question);
    Map<String, String> properties = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    if (question >= 0) {
      for (String parameter : rest.substring(question + 1).split("&", -1)) {
        int equals = parameter.indexOf('=');
        String name = (equals < 0 ? parameter : parameter.substring(0, equals)).toLowerCase(Locale.ROOT);
        if (SECRET_PARAMETERS.contains(name) && equals >= 0) {
          properties.put(name, decodeParameter(parameter.substring(equals + 1)));
        } else if (!parameter.isEmpty()) {
          kept.add(parameter);
        }
      }
    }
    int at = base.lastIndexOf('@');
    if (base.startsWith("//") && at >= 0) {
      String userInfo = base.substring(2, at);
      base = "//" + base.substring(at + 1);
      int colon = userInfo.indexOf(':');
      properties.put("user", decodeUserInfo(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        properties.put("password", decodeUserInfo(userInfo.substring(colon + 1)));
      }
    }
    return new JdbcUrlCredentials(
        PREFIX + base + (kept.isEmpty() ? "" : "?" + String.join("&", kept)), properties);
  }

  /** Never shows the credentials. */
  @Override
  public String toString() {
    return "JdbcUrlCredentials[properties=" + properties.keySet() + "]";
  }

  private static String decodeParameter(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }

  /** Percent-decoding only: in a user-info a '+' is a plus, not a space. */
  private static String decodeUserInfo(String value) {
    return decodeParameter(value.replace("+", "%2B"));
  }
}

package dev.vdk.runtime;

import dev.vdk.api.ConfigKey;
import java.util.List;

/** Renders the declared keys as a table: key, environment variable, default, description. */
public final class ConfigHelp {
  private ConfigHelp() {}

  public static String render(List<ConfigKey> keys) {
    int width = keys.stream().mapToInt(k -> k.name().length()).max().orElse(3);
    StringBuilder text = new StringBuilder();
    text.append("Configuration keys (set in the job's config file, or as VDK_<KEY> environment variables):\n\n");
    for (ConfigKey key : keys) {
      String shownDefault =
          key.defaultValue()
              .map(value -> key.sensitive() ? "(secret, not shown)" : value.isEmpty() ? "(empty)" : value)
              .orElse("(none)");
      text.append(String.format("%-" + width + "s  default: %s%s%n", key.name(), shownDefault,
              key.sensitive() ? "  [sensitive]" : ""))
          .append(" ".repeat(width + 2))
          .append(key.description())
          .append('\n');
    }
    return text.toString();
  }
}

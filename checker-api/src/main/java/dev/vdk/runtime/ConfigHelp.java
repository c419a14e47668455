package dev.vdk.runtime;

import dev.vdk.api.ConfigKey;
import dev.vdk.api.Configuration;
import java.util.List;
import java.util.Optional;

/**
 * Renders the declared keys as a table: key, default, description and, where known, the plugin
 * that declared the key and the value in effect with where it came from. A secret's value is never
 * shown, only whether it is set and where.
 */
public final class ConfigHelp {
  private static final String HEADING =
      "Configuration keys (set in the job's config file, or as VDK_<KEY> environment variables):\n\n";

  private ConfigHelp() {}

  /** The keys without values, for a help text that no run's configuration stands behind. */
  public static String render(List<ConfigKey> keys) {
    return render(keys, Optional.empty());
  }

  /** The keys a run would read, each with its value in effect. */
  public static String render(Configuration configuration) {
    return render(configuration.declaredKeys(), Optional.of(configuration));
  }

  private static String render(List<ConfigKey> keys, Optional<Configuration> configuration) {
    int width = keys.stream().mapToInt(k -> k.name().length()).max().orElse(3);
    String indent = " ".repeat(width + 2);
    StringBuilder text = new StringBuilder(HEADING);
    for (ConfigKey key : keys) {
      String shownDefault =
          key.defaultValue()
              .map(value -> key.sensitive() ? "(secret, not shown)" : value.isEmpty() ? "(empty)" : value)
              .orElse("(none)");
      text.append(String.format("%-" + width + "s  default: %s%s%n", key.name(), shownDefault,
          key.sensitive() ? "  [sensitive]" : ""));
      configuration.ifPresent(config -> text.append(indent).append("in effect: ").append(inEffect(config, key)).append('\n'));
      key.declaredBy().ifPresent(plugin -> text.append(indent).append("declared by: ").append(plugin).append('\n'));
      text.append(indent).append(key.description()).append('\n');
    }
    return text.toString();
  }

  private static String inEffect(Configuration config, ConfigKey key) {
    Optional<String> value = config.find(key.name());
    if (value.isEmpty()) {
      return "(none)";
    }
    String origin = config.origin(key.name()).orElse("an unknown source");
    return key.sensitive()
        ? "(a secret, not shown; from " + origin + ")"
        : value.get() + " (from " + origin + ")";
  }
}

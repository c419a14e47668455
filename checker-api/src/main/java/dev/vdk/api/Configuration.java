package dev.vdk.api;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run's configuration: immutable, case-insensitive keys, typed getters whose errors say the
 * key, the value, where it came from and what is accepted.
 *
 * <p>Values are layered, lowest first: declared defaults, the job's config file, the config file
 * that {@code JOB_CONFIG} names, {@code VDK_<KEY>} environment variables, explicit overrides. A blank value (empty or white space) means unset, as
 * in VDK: the layers below apply, down to the declared default, so {@code VDK_LOG_CONFIG=} leaves
 * the default {@code LOCAL} and {@code VDK_API_TOKEN=} sets no token. A key that has no value in
 * any layer is missing.
 */
public final class Configuration {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);
  private static final List<String> TRUE_WORDS = List.of("true", "yes", "1");
  private static final List<String> FALSE_WORDS = List.of("false", "no", "0");

  private final Map<String, ConfigValue> values;
  private final Map<String, ConfigKey> declared;
  private final List<String> configFiles;

  /** One value and the sentence fragment saying where it came from. */
  public record ConfigValue(String value, String origin) {}

  /**
   * @param values values by normalized key (see {@link ConfigKey#normalize})
   * @param declared declared keys by normalized key
   */
  public Configuration(Map<String, ConfigValue> values, Map<String, ConfigKey> declared) {
    this(values, declared, List.of("the job's config file"));
  }

  /**
   * @param values values by normalized key (see {@link ConfigKey#normalize})
   * @param declared declared keys by normalized key
   * @param configFiles the config files a missing key could be set in, as an error names them
   *     (for example {@code the job's config file}); empty when values come from elsewhere only
   */
  public Configuration(
      Map<String, ConfigValue> values, Map<String, ConfigKey> declared, List<String> configFiles) {
    this.values = Map.copyOf(values);
    this.declared = Map.copyOf(declared);
    this.configFiles = List.copyOf(configFiles);
  }

  /** The value of a key, if it has a non-blank one. */
  public Optional<String> find(String key) {
    return entry(key).map(ConfigValue::value);
  }

  /** Where the value of a key came from, e.g. {@code environment variable VDK_LOG_CONFIG}. */
  public Optional<String> origin(String key) {
    return entry(key).map(ConfigValue::origin);
  }

  public String getString(String key) {
    return find(key).orElseThrow(() -> missing(key));
  }

  /** Accepts true/false, yes/no and 1/0 in any case. */
  public boolean getBoolean(String key) {
    ConfigValue entry = entry(key).orElseThrow(() -> missing(key));
    String word = entry.value().trim().toLowerCase(Locale.ROOT);
    if (TRUE_WORDS.contains(word)) {
      return true;
    }
    if (FALSE_WORDS.contains(word)) {
      return false;
    }
    throw invalid(key, entry, "a boolean: true/false, yes/no or 1/0 (any case)");
  }

  public int getInt(String key) {
    ConfigValue entry = entry(key).orElseThrow(() -> missing(key));
    try {
      return Integer.parseInt(entry.value().trim());
    } catch (NumberFormatException e) {
      throw invalid(key, entry, "a whole number such as 30");
    }
  }

  public long getLong(String key) {
    ConfigValue entry = entry(key).orElseThrow(() -> missing(key));
    try {
      return Long.parseLong(entry.value().trim());
    } catch (NumberFormatException e) {
      throw invalid(
          key, entry, "a whole number such as 30, from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    }
  }

  /**
   * A file system path, as written (surrounding white space removed). A relative path is not
   * resolved here: it stays relative to the working directory of whoever uses it.
   */
  public Path getPath(String key) {
    ConfigValue entry = entry(key).orElseThrow(() -> missing(key));
    try {
      return Path.of(entry.value().trim());
    } catch (InvalidPathException e) {
      throw invalid(key, entry, "a file system path such as /var/data or data/in (" + e.getReason() + ")");
    }
  }

  /**
   * Accepts a whole number of seconds ({@code 30}), a number with a unit ({@code 500ms}, {@code
   * 30s}, {@code 5m}, {@code 1h}, {@code 1d}) or an ISO-8601 duration ({@code PT30S}).
   */
  public Duration getDuration(String key) {
    ConfigValue entry = entry(key).orElseThrow(() -> missing(key));
    String text = entry.value().trim();
    try {
      Matcher matcher = DURATION.matcher(text);
      Duration duration;
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
        duration =
            switch (unit) {
              case "ms" -> Duration.ofMillis(amount);
              case "m" -> Duration.ofMinutes(amount);
              case "h" -> Duration.ofHours(amount);
              case "d" -> Duration.ofDays(amount);
              default -> Duration.ofSeconds(amount);
            };
      } else {
        duration = Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      duration.toMillis(); // readers work in milliseconds: refuse what they cannot hold, in any spelling
      return duration;
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw invalid(
          key,
          entry,
          "a duration: seconds (30), a number with a unit (500ms, 30s, 5m, 1h) or PT30S,"
              + " no longer than about 292 million years");
    }
  }

  /** Reads a key as one of an enum's constants, in any case. */
  public <E extends Enum<E>> E getEnum(String key, Class<E> type) {
    ConfigValue entry = entry(key).orElseThrow(() -> missing(key));
    String text = entry.value().trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    List<String> accepted =
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .toList();
    throw invalid(key, entry, "one of " + String.join(", ", accepted) + " (any case)");
  }

  /**
   * An error for a value that the typed getters accept but the caller does not, e.g. a URL without
   * a host; it names the key, the value (unless secret), its origin and what is accepted.
   */
  public ConfigurationException invalidValue(String key, String accepted) {
    return invalid(key, entry(key).orElseThrow(() -> missing(key)), accepted);
  }

  /** Whether the key was declared sensitive by any plugin. */
  public boolean isSensitive(String key) {
    ConfigKey k = declared.get(ConfigKey.normalize(key));
    return k != null && k.sensitive();
  }

  /** The declared keys, for help output. */
  public List<ConfigKey> declaredKeys() {
    return declared.values().stream().sorted(Comparator.comparing(ConfigKey::name)).toList();
  }

  private Optional<ConfigValue> entry(String key) {
    return Optional.ofNullable(values.get(ConfigKey.normalize(key)))
        .filter(v -> !v.value().isBlank());
  }

  private String displayName(String key) {
    ConfigKey k = declared.get(ConfigKey.normalize(key));
    return k != null ? k.name() : key.toUpperCase(Locale.ROOT);
  }

  private ConfigurationException missing(String key) {
    String name = displayName(key);
    String variable =
        Optional.ofNullable(declared.get(ConfigKey.normalize(key)))
            .map(ConfigKey::environmentVariable)
            .orElse("VDK_" + name.toUpperCase(Locale.ROOT));
    String files = configFiles.isEmpty() ? "" : " or in " + String.join(" or ", configFiles);
    return new ConfigurationException(
        "Configuration key " + name + " has no value: set it with the environment variable " + variable + files + ".");
  }

  private ConfigurationException invalid(String key, ConfigValue entry, String accepted) {
    String shown = isSensitive(key) ? "(a secret value, not shown)" : "'" + entry.value() + "'";
    return new ConfigurationException(
        "Configuration key "
            + displayName(key)
            + " has the invalid value "
            + shown
            + " (from "
            + entry.origin()
            + "); expected "
            + accepted
            + ".");
  }

  /** Lists keys and where their values came from; secrets are masked. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Configuration{");
    values.keySet().stream()
        .sorted()
        .forEach(
            key ->
                text.append(displayName(key))
                    .append('=')
                    .append(isSensitive(key) ? "****" : values.get(key).value())
                    .append("; "));
    return text.append('}').toString();
  }
}

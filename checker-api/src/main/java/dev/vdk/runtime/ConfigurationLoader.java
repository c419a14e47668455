package dev.vdk.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import dev.vdk.api.ConfigKey;
import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.DataJob;
import dev.vdk.api.OneLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the run's {@link Configuration} from its layers with Typesafe Config's fallback, lowest
 * first: declared defaults, the job's HOCON config file, the HOCON file that {@code JOB_CONFIG}
 * names (a file from outside the job's jar, so an operator can change a deployed job without a
 * rebuild), {@code VDK_<KEY>} environment variables, explicit overrides. Each value keeps a
 * description of where it came from, so that an error can name, for example, the environment
 * variable or the file and line that holds a bad value.
 *
 * <p>{@code JOB_CONFIG} itself is read from the two highest layers only, since it decides what the
 * lower ones hold; a config file that sets it is refused.
 *
 * <p>A blank value (empty or only white space) means unset, as in VDK: it sets nothing in its layer,
 * so the layer below, and in the end the declared default, applies.
 */
public final class ConfigurationLoader {
  private static final String ENV_PREFIX = "VDK_";

  private ConfigurationLoader() {}

  public static Configuration load(
      List<ConfigKey> declared,
      DataJob job,
      Map<String, String> environment,
      Map<String, String> overrides) {
    Config defaults = ConfigFactory.empty("declared defaults");
    Map<String, ConfigKey> declaredByKey = new HashMap<>();
    for (ConfigKey key : declared) {
      declaredByKey.put(ConfigKey.normalize(key.name()), key);
      if (key.defaultValue().isPresent()) {
        defaults = single(key.name(), key.defaultValue().get(), "the default of " + key.name()).withFallback(defaults);
      }
    }

    Config merged =
        layer(overrides, "an explicit override of ")
            .withFallback(environmentLayer(environment))
            .withFallback(externalFileLayer(overrides, environment))
            .withFallback(jobFileLayer(job))
            .withFallback(defaults);

    Map<String, Configuration.ConfigValue> values = new HashMap<>();
    for (Map.Entry<String, ConfigValue> entry : merged.entrySet()) {
      ConfigValue value = entry.getValue();
      Object unwrapped = value.unwrapped();
      if (unwrapped == null) {
        continue;
      }
      values.put(
          ConfigKey.normalize(unquote(entry.getKey())),
          new Configuration.ConfigValue(String.valueOf(unwrapped), value.origin().description()));
    }
    List<String> configFiles = new ArrayList<>();
    if (!job.configText().isBlank()) {
      configFiles.add("the job's config file");
    }
    configFiles.add("a config file that " + ENV_PREFIX + RuntimeKeys.JOB_CONFIG + " names");
    return new Configuration(values, declaredByKey, configFiles);
  }

  /**
   * The value the two highest layers give a key, before any plugin has declared anything: an
   * explicit override, else the {@code VDK_<KEY>} variable; keys compared ignoring case, blank
   * values absent, as in a loaded configuration. For the few places that must know a value when
   * the configuration itself could not be loaded.
   */
  public static Optional<String> rawValue(
      String key, Map<String, String> overrides, Map<String, String> environment) {
    return rawEntry(key, overrides, environment).map(Configuration.ConfigValue::value);
  }

  private static Optional<Configuration.ConfigValue> rawEntry(
      String key, Map<String, String> overrides, Map<String, String> environment) {
    return nonBlankIgnoringCase(overrides, key, "an explicit override of ")
        .or(() -> nonBlankIgnoringCase(environment, ENV_PREFIX + key, "environment variable "));
  }

  private static Optional<Configuration.ConfigValue> nonBlankIgnoringCase(
      Map<String, String> values, String key, String originPrefix) {
    return values.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(key) && !entry.getValue().isBlank())
        .map(entry -> new Configuration.ConfigValue(entry.getValue(), originPrefix + entry.getKey()))
        .findFirst();
  }

  private static Config externalFileLayer(Map<String, String> overrides, Map<String, String> environment) {
    Optional<Configuration.ConfigValue> named = rawEntry(RuntimeKeys.JOB_CONFIG, overrides, environment);
    if (named.isEmpty()) {
      return ConfigFactory.empty("no " + RuntimeKeys.JOB_CONFIG);
    }
    String given = named.get().value().strip();
    String from = named.get().origin();
    Path file;
    try {
      file = Path.of(given).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw unusableFile(given, from, "it is not a valid path (" + e.getReason() + ")");
    }
    if (!Files.exists(file)) {
      throw unusableFile(given, from, "the file " + file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw unusableFile(given, from, file + " is not a regular file");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unusableFile(given, from, "the file " + file + " cannot be read (" + e + ")");
    }
    return fileLayer(
        text,
        "config file " + file,
        "The config file " + file + " that " + RuntimeKeys.JOB_CONFIG + " names (from " + from + ")");
  }

  private static ConfigurationException unusableFile(String given, String from, String problem) {
    return new ConfigurationException(
        "Configuration key " + RuntimeKeys.JOB_CONFIG + " has the value '" + given + "' (from " + from
            + "), but " + problem + "; expected the path of a readable HOCON config file (a relative"
            + " path is resolved against the working directory, " + Path.of("").toAbsolutePath() + ").");
  }

  private static Config environmentLayer(Map<String, String> environment) {
    Config layer = ConfigFactory.empty("environment");
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      String name = variable.getKey();
      if (name.length() > ENV_PREFIX.length()
          && name.regionMatches(true, 0, ENV_PREFIX, 0, ENV_PREFIX.length())) {
        layer =
            single(name.substring(ENV_PREFIX.length()), variable.getValue(), "environment variable " + name)
                .withFallback(layer);
      }
    }
    return layer;
  }

  private static Config jobFileLayer(DataJob job) {
    return fileLayer(job.configText(), job.configOrigin(), "The job's config file (" + job.configOrigin() + ")");
  }

  /** @param whatFile how an error names the file, e.g. {@code The job's config file (job.conf)} */
  private static Config fileLayer(String hocon, String origin, String whatFile) {
    if (hocon.isBlank()) {
      return ConfigFactory.empty(origin);
    }
    try {
      Config parsed =
          ConfigFactory.parseString(
              hocon,
              ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription(origin));
      // Re-key every leaf in lower case, keeping its origin (file and line), so that keys are
      // case-insensitive wherever they are written.
      Config layer = ConfigFactory.empty(origin);
      for (Map.Entry<String, ConfigValue> entry : parsed.resolve().entrySet()) {
        if (unquote(entry.getKey()).equals(ConfigKey.normalize(RuntimeKeys.JOB_CONFIG))) {
          throw namesAConfigFile(whatFile, entry.getValue());
        }
        if (!isBlank(entry.getValue())) {
          layer = layer.withValue(path(entry.getKey()), entry.getValue());
        }
      }
      return layer;
    } catch (ConfigException e) {
      throw new ConfigurationException(whatFile + " is not valid HOCON: " + e.getMessage());
    }
  }

  // The files are chosen before any is read, so a value here could never take effect; refused, so
  // that no one believes it did (config-help would show it as in effect).
  private static ConfigurationException namesAConfigFile(String whatFile, ConfigValue value) {
    return new ConfigurationException(
        whatFile + " sets " + RuntimeKeys.JOB_CONFIG + " to '" + OneLine.escape(String.valueOf(value.unwrapped()))
            + "' (" + value.origin().description() + "), but a config file cannot name a config file: the"
            + " files are chosen before any is read; set it with the environment variable " + ENV_PREFIX
            + RuntimeKeys.JOB_CONFIG + " instead.");
  }

  private static Config layer(Map<String, String> values, String originPrefix) {
    Config layer = ConfigFactory.empty("explicit overrides");
    for (Map.Entry<String, String> entry : values.entrySet()) {
      layer = single(entry.getKey(), entry.getValue(), originPrefix + entry.getKey()).withFallback(layer);
    }
    return layer;
  }

  // Blank means unset: an empty layer lets the value of the layer below through.
  private static Config single(String key, String value, String origin) {
    if (value == null || value.isBlank()) {
      return ConfigFactory.empty(origin);
    }
    return ConfigFactory.parseMap(Map.of(path(key), value), origin);
  }

  private static boolean isBlank(ConfigValue value) {
    return value.unwrapped() instanceof String text && text.isBlank();
  }

  // Keys are plain words joined by underscores, but nothing stops a user from writing a dot or a
  // quote; quoting each key as one path element keeps it a single, case-insensitive key.
  private static String path(String key) {
    return ConfigUtil.joinPath(ConfigKey.normalize(unquote(key)));
  }

  private static String unquote(String path) {
    List<String> elements = ConfigUtil.splitPath(path);
    return String.join(".", elements).toLowerCase(Locale.ROOT);
  }
}

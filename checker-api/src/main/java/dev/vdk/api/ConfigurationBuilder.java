package dev.vdk.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where plugins declare the keys they read, in their {@link VdkPlugin#vdkConfigure} hook. Values
 * are not set here: they come from the job's config file, {@code VDK_} environment variables and
 * explicit overrides, over the defaults declared here.
 */
public final class ConfigurationBuilder {
  private final Map<String, ConfigKey> keys;
  private final Optional<String> declarer;

  public ConfigurationBuilder() {
    this(new LinkedHashMap<>(), Optional.empty());
  }

  private ConfigurationBuilder(Map<String, ConfigKey> keys, Optional<String> declarer) {
    this.keys = keys;
    this.declarer = declarer;
  }

  /**
   * A builder that adds to these same keys and records {@code plugin} as their declarer, for config
   * help. The runtime hands each plugin's {@code vdkConfigure} such a view.
   */
  public ConfigurationBuilder declaredBy(Class<?> plugin) {
    return new ConfigurationBuilder(keys, Optional.of(plugin.getName()));
  }

  /** Declares a key; {@code defaultValue} may be null for "no default". */
  public ConfigurationBuilder add(String key, Object defaultValue, String description) {
    return add(key, defaultValue, description, false);
  }

  /** Declares a key whose value is a secret: it is never printed, in config help or anywhere. */
  public ConfigurationBuilder addSensitive(String key, Object defaultValue, String description) {
    return add(key, defaultValue, description, true);
  }

  private ConfigurationBuilder add(
      String key, Object defaultValue, String description, boolean sensitive) {
    // A later declaration of the same key refines it, but a key once sensitive stays sensitive.
    ConfigKey earlier = keys.get(ConfigKey.normalize(key));
    ConfigKey declared =
        new ConfigKey(
            key.trim(),
            Optional.ofNullable(defaultValue).map(String::valueOf),
            description,
            sensitive || (earlier != null && earlier.sensitive()),
            declarer);
    keys.put(ConfigKey.normalize(key), declared);
    return this;
  }

  /** The declared keys, in declaration order. */
  public List<ConfigKey> keys() {
    return Collections.unmodifiableList(new ArrayList<>(keys.values()));
  }
}

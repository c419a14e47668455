package dev.vdk.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared configuration key: its name as users write it (upper case by convention), its
 * default (absent when there is none), what it means, whether its value is a secret that is never
 * printed, and the plugin that declared it (the class name, absent when declared outside a run).
 */
public record ConfigKey(
    String name,
    Optional<String> defaultValue,
    String description,
    boolean sensitive,
    Optional<String> declaredBy) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(declaredBy, "declaredBy");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A configuration key needs a name.");
    }
  }

  /** A key whose declaring plugin is not known. */
  public ConfigKey(String name, Optional<String> defaultValue, String description, boolean sensitive) {
    this(name, defaultValue, description, sensitive, Optional.empty());
  }

  /** Keys are case-insensitive; this is the form they are compared in. */
  public static String normalize(String key) {
    return key.trim().toLowerCase(Locale.ROOT);
  }

  /** The environment variable that sets this key, e.g. {@code VDK_LOG_CONFIG}. */
  public String environmentVariable() {
    return "VDK_" + name.toUpperCase(Locale.ROOT);
  }
}

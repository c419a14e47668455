package dev.vdk.executionskip;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.executionskip.backend.BackendProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The backends a user can select with {@code EXECUTION_SKIP_CHECKER_BACKEND}: every {@link
 * BackendProvider} listed in {@code META-INF/services/dev.vdk.executionskip.backend.BackendProvider},
 * in the order listed. The plugin and the operator command select from the same list, so they
 * accept the same names and read the same keys; neither names a backend itself.
 */
public final class BackendProviders {
  private final Map<String, BackendProvider> byName;

  private BackendProviders(List<BackendProvider> providers) {
    Map<String, BackendProvider> named = new LinkedHashMap<>();
    for (BackendProvider provider : providers) {
      BackendProvider earlier = named.putIfAbsent(normalize(provider.name()), provider);
      if (earlier != null) {
        throw new IllegalStateException(
            "Two backends are named " + provider.name() + ": " + earlier.getClass().getName() + " and "
                + provider.getClass().getName() + "; remove one of their jars from the class path.");
      }
    }
    if (named.isEmpty()) {
      throw new IllegalStateException("No execution-skip backend is on the class path.");
    }
    this.byName = named;
  }

  /** The providers on the class path that loaded this class. */
  public static BackendProviders discover() {
    List<BackendProvider> found = new ArrayList<>();
    try {
      ServiceLoader.load(BackendProvider.class, BackendProvider.class.getClassLoader()).forEach(found::add);
    } catch (ServiceConfigurationError e) {
      // The JDK's message names the listed class that could not be loaded.
      throw new IllegalStateException("An execution-skip backend could not be loaded: " + e.getMessage(), e);
    }
    return new BackendProviders(found);
  }

  /** These providers, in this order; for tests that replace a backend. */
  public static BackendProviders of(List<BackendProvider> providers) {
    return new BackendProviders(providers);
  }

  /** Every provider, in the order listed. */
  public List<BackendProvider> all() {
    return List.copyOf(byName.values());
  }

  /**
   * The provider that {@code EXECUTION_SKIP_CHECKER_BACKEND} selects; the name is read in any case,
   * with {@code _} for {@code -}.
   *
   * @throws dev.vdk.api.ConfigurationException naming the key, the value and the names accepted
   */
  public BackendProvider selected(Configuration config) {
    String key = ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_BACKEND;
    return named(config.getString(key))
        .orElseThrow(() -> config.invalidValue(key, "one of " + String.join(", ", byName.keySet()) + " (any case)"));
  }

  /** The provider of that name, read as {@link #selected} reads it; empty when none is. */
  public Optional<BackendProvider> named(String name) {
    return Optional.ofNullable(byName.get(normalize(name)));
  }

  /** Declares every backend's own keys. */
  public void declare(ConfigurationBuilder builder) {
    byName.values().forEach(provider -> provider.declare(builder));
  }

  /** For the help of {@code EXECUTION_SKIP_CHECKER_BACKEND}: each name with what it counts with. */
  String describe() {
    List<String> each =
        byName.values().stream().map(p -> p.name() + " (" + p.summary() + ")").collect(Collectors.toList());
    String last = each.remove(each.size() - 1);
    return each.isEmpty() ? last : String.join(", ", each) + " or " + last;
  }

  private static String normalize(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

package dev.vdk.runtime;

import dev.vdk.api.VdkPlugin;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the plugins on the classpath with {@link ServiceLoader}: every class listed in {@code
 * META-INF/services/dev.vdk.api.VdkPlugin}. A plugin that cannot be loaded or constructed is an
 * error that names its class, never a silent omission: a guard that is silently missing is worse
 * than a run that fails.
 */
public final class PluginDiscovery {
  private PluginDiscovery() {}

  public static List<VdkPlugin> discover(ClassLoader classLoader) {
    List<VdkPlugin> found = new ArrayList<>();
    Iterator<ServiceLoader.Provider<VdkPlugin>> providers =
        ServiceLoader.load(VdkPlugin.class, classLoader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<VdkPlugin> provider;
      try {
        if (!providers.hasNext()) {
          return found;
        }
        provider = providers.next();
      } catch (ServiceConfigurationError e) {
        // The JDK's message names the listed class that could not be found or is no plugin.
        throw new PluginException("A plugin could not be loaded: " + e.getMessage(), e);
      }
      try {
        found.add(provider.get());
      } catch (ServiceConfigurationError | RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new PluginException(
            "Plugin " + provider.type().getName() + " could not be constructed: " + cause, e);
      }
    }
  }
}

package dev.vdk.executionskip;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.DataJob;
import dev.vdk.runtime.ConfigurationLoader;
import java.util.List;
import java.util.Map;

/** The configuration a run sees with the plugin's keys declared, from {@code VDK_} variables alone. */
public final class PluginConfiguration {
  private PluginConfiguration() {}

  public static Configuration fromEnvironment(Map<String, String> environment) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    new ExecutionSkipKeys(BackendProviders.discover()).declare(builder);
    return ConfigurationLoader.load(builder.keys(), DataJob.of(List.of()), environment, Map.of());
  }
}

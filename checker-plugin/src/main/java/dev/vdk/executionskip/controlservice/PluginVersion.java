package dev.vdk.executionskip.controlservice;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The plugin's version, as the build stamped it into a resource of its own. Not the jar manifest:
 * inside a job's fat jar the manifest is the job's, and the version would read as unknown.
 */
final class PluginVersion {
  private static final String RESOURCE = "/dev/vdk/executionskip/plugin-version.properties";

  private PluginVersion() {}

  static String current() {
    try (InputStream in = PluginVersion.class.getResourceAsStream(RESOURCE)) {
      Properties stamped = new Properties();
      if (in != null) {
        stamped.load(in);
      }
      return stamped.getProperty("version", "unknown");
    } catch (IOException | IllegalArgumentException e) {
      return "unknown";
    }
  }
}

package dev.vdk.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The framework's version, as the build stamped it into {@code vdk-version.properties}. */
public final class VdkVersion {
  private VdkVersion() {}

  public static String current() {
    try (InputStream in = VdkVersion.class.getResourceAsStream("/dev/vdk/runtime/vdk-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}

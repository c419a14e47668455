package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.VdkPlugin;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {
  /** Found only where a services file lists it. */
  public static class ListedPlugin implements VdkPlugin {}

  /** Listed, but its constructor fails. */
  public static class BrokenPlugin implements VdkPlugin {
    public BrokenPlugin() {
      throw new IllegalStateException("cannot start");
    }
  }

  @TempDir Path classpathEntry;

  private ClassLoader withServicesFile(String content) throws Exception {
    Path services = classpathEntry.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(VdkPlugin.class.getName()), content);
    return new URLClassLoader(new URL[] {classpathEntry.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void findsAPluginListedOnTheClasspath() throws Exception {
    ClassLoader loader = withServicesFile(ListedPlugin.class.getName() + "\n");

    assertThat(PluginDiscovery.discover(loader)).singleElement().isInstanceOf(ListedPlugin.class);
  }

  @Test
  void findsNoneWhenNoneIsListed() {
    ClassLoader empty = new URLClassLoader(new URL[0], null);

    assertThat(PluginDiscovery.discover(empty)).isEmpty();
  }

  @Test
  void aPluginThatCannotBeConstructedIsAnErrorNamingItsClass() throws Exception {
    ClassLoader loader = withServicesFile(BrokenPlugin.class.getName() + "\n");

    assertThatThrownBy(() -> PluginDiscovery.discover(loader))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining(BrokenPlugin.class.getName())
        .hasMessageContaining("cannot start");
  }

  @Test
  void aListedClassThatDoesNotExistIsAnErrorNamingIt() throws Exception {
    ClassLoader loader = withServicesFile("com.example.MissingPlugin\n");

    assertThatThrownBy(() -> PluginDiscovery.discover(loader))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("com.example.MissingPlugin");
  }
}

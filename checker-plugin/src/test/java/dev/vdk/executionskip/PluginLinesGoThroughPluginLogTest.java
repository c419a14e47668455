package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin's own lines are written only through {@link PluginLog}, which redacts and escapes
 * every one: a class of the plugin's package that asked for a logger itself could forget either.
 */
class PluginLinesGoThroughPluginLogTest {
  private static final Path PACKAGE = Path.of("src/main/java/dev/vdk/executionskip");

  @Test
  void noClassOfThePluginsPackageButPluginLogAsksForALogger() throws IOException {
    List<String> asking;
    try (Stream<Path> files = Files.list(PACKAGE)) {
      asking =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> !file.getFileName().toString().equals("PluginLog.java"))
              .filter(file -> read(file).contains("System.getLogger"))
              .map(file -> file.getFileName().toString())
              .toList();
    }

    assertThat(PACKAGE.resolve("PluginLog.java")).exists();
    assertThat(asking).as("classes that log around PluginLog").isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

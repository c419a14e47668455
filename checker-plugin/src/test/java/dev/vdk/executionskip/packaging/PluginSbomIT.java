package dev.vdk.executionskip.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.packaging.PluginSbom.Library;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The build describes what the plugin jar is made of, in CycloneDX, for a platform's scanners. */
class PluginSbomIT {
  private static final Path JAR = Path.of("target", "checker-plugin.jar");
  private static final String NESTED_LIBRARIES = "META-INF/vdk-cli/lib/";

  @Test
  void theSbomDescribesThePluginJarAtItsVersion() throws Exception {
    PluginSbom sbom = PluginSbom.read();

    assertThat(sbom.root().path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(sbom.describedComponent().path("group").asText()).isEqualTo("dev.vdk");
    assertThat(sbom.describedComponent().path("name").asText()).isEqualTo("checker-plugin");
    assertThat(sbom.describedComponent().path("version").asText()).isEqualTo(System.getProperty("plugin.version"));
  }

  /**
   * Relocated into the jar: Feign, Jackson and the PostgreSQL driver. Nested whole for the check
   * command: the framework and Typesafe Config. Nothing else, annotations-only jars included.
   */
  @Test
  void theSbomListsExactlyTheLibrariesTheJarCarries() throws Exception {
    List<Library> libraries = PluginSbom.read().libraries();

    assertThat(libraries).extracting(Library::name).containsExactlyInAnyOrder(
        "feign-core", "jackson-core", "postgresql", "checker-api", "config");
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      List<String> nested = jar.stream()
          .map(ZipEntry::getName)
          .filter(name -> name.startsWith(NESTED_LIBRARIES) && name.endsWith(".jar"))
          .map(name -> name.substring(NESTED_LIBRARIES.length()))
          .toList();
      assertThat(libraries)
          .extracting(library -> library.name() + "-" + library.version() + ".jar")
          .containsAll(nested);
    }
  }

  @Test
  void everyLibraryInTheSbomNamesItsLicence() throws Exception {
    assertThat(PluginSbom.read().libraries())
        .allSatisfy(library -> assertThat(library.licences()).as(library.toString()).isNotEmpty());
  }
}

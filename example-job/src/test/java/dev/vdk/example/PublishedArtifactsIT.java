package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a consumer of any of the project's jars relies on: a stable module name, the licence and
 * notice inside, and sources and Javadoc beside it. This module is built last, so every jar of the
 * build is there to look at.
 */
class PublishedArtifactsIT {
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "checker-api,    checker-api-@VERSION@,       dev.vdk.checker.api",
    "checker-api,    checker-api-@VERSION@-tests, dev.vdk.checker.testsupport",
    "checker-plugin, checker-plugin,              dev.vdk.executionskip",
    "example-job,    example-job,                 dev.vdk.example",
  })
  void eachJarNamesItsModuleAndCarriesTheLicenceAndNotice(String module, String baseName, String moduleName)
      throws Exception {
    try (JarFile jar = new JarFile(artifact(module, baseName, "").toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo(moduleName);
      assertThat(jar.getInputStream(jar.getEntry("META-INF/LICENSE")).readAllBytes())
          .isEqualTo(Files.readAllBytes(PROJECT.resolve("LICENSE")));
      assertThat(jar.getInputStream(jar.getEntry("META-INF/NOTICE")).readAllBytes())
          .isEqualTo(Files.readAllBytes(PROJECT.resolve("NOTICE")));
    }
  }

  /** The reason for a module name of its own: {@code java -p} refuses two jars of one module. */
  @Test
  void theJarsAPluginAuthorPutsTogetherAreDistinctModules(@TempDir Path modulePath) throws Exception {
    for (Path jar : List.of(
        artifact("checker-api", "checker-api-@VERSION@", ""),
        artifact("checker-api", "checker-api-@VERSION@-tests", ""),
        artifact("checker-plugin", "checker-plugin", ""))) {
      Files.copy(jar, modulePath.resolve(jar.getFileName()));
    }

    assertThat(ModuleFinder.of(modulePath).findAll())
        .extracting(module -> module.descriptor().name())
        .containsExactlyInAnyOrder("dev.vdk.checker.api", "dev.vdk.checker.testsupport", "dev.vdk.executionskip");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "checker-api,    checker-api-@VERSION@, dev/vdk/runtime/DataJobRuntime",
    "checker-plugin, checker-plugin,        dev/vdk/executionskip/ExecutionSkipPlugin",
    "example-job,    example-job,           dev/vdk/example/ExampleJob",
  })
  void eachJarHasItsSourcesAndJavadocBesideIt(String module, String baseName, String someClass) throws Exception {
    try (ZipFile sources = new ZipFile(artifact(module, baseName, "-sources").toFile())) {
      assertThat(sources.getEntry(someClass + ".java")).as("%s.java in the sources jar", someClass).isNotNull();
    }
    try (ZipFile javadoc = new ZipFile(artifact(module, baseName, "-javadoc").toFile())) {
      assertThat(javadoc.stream().map(ZipEntry::getName))
          .contains("index.html")
          .contains(someClass + ".html");
    }
  }

  private static Path artifact(String module, String baseName, String classifier) {
    String version = System.getProperty("project.version");
    assertThat(version).as("system property project.version").isNotBlank();
    Path file = PROJECT.resolve(module).resolve("target")
        .resolve(baseName.replace("@VERSION@", version) + classifier + ".jar");
    assertThat(file).exists();
    return file;
  }
}

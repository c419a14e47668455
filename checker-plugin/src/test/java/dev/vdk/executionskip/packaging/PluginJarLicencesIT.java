package dev.vdk.executionskip.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.packaging.PluginSbom.Library;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The plugin jar may be handed out: besides the project's own licence and notice it keeps the
 * licence and notice files of every library it bundles, each under
 * {@code META-INF/licenses/<artifact>/}, where none can overwrite another.
 */
class PluginJarLicencesIT {
  private static final Path JAR = Path.of("target", "checker-plugin.jar");
  /** How a library jar names its licence and notice files at the top of META-INF. */
  private static final Pattern LICENCE_FILE = Pattern.compile("META-INF/([^/]*-)?(LICENSE|NOTICE)[^/]*");
  private static final String LICENCES = "META-INF/licenses/";

  @Test
  void everyBundledLibrarysLicenceAndNoticeFilesAreKeptUnderItsOwnName() throws Exception {
    List<Library> libraries = PluginSbom.read().thirdPartyLibraries();
    Map<String, byte[]> jar = metaInf(JAR);
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (Library library : libraries) {
      for (Map.Entry<String, byte[]> file : metaInf(library.jarOnClasspath()).entrySet()) {
        String name = file.getKey();
        String kept;
        if (LICENCE_FILE.matcher(name).matches()) {
          kept = LICENCES + library.name() + "/" + name.substring("META-INF/".length());
        } else if (name.startsWith(LICENCES)) {
          // The licences of what the library itself bundles stay where it put them.
          kept = name;
        } else {
          continue;
        }
        checked++;
        softly.assertThat(text(jar.get(kept))).as("%s of %s, kept as %s", name, library.name(), kept)
            .isEqualTo(text(file.getValue()));
      }
    }
    softly.assertAll();
    assertThat(checked).as("licence and notice files found in the bundled libraries").isGreaterThan(0);
  }

  /** META-INF/LICENSE is the Apache License; a library under another one needs its own text. */
  @Test
  void aLibraryUnderAnotherLicenceThanApacheHasItsLicenceTextInTheJar() throws Exception {
    List<Library> otherLicences = PluginSbom.read().thirdPartyLibraries().stream()
        .filter(library -> !library.licences().contains("Apache-2.0"))
        .toList();
    Map<String, byte[]> jar = metaInf(JAR);

    assertThat(otherLicences).extracting(Library::name).contains("postgresql");
    assertThat(otherLicences).allSatisfy(library -> assertThat(jar.keySet())
        .as("licence text of %s (%s)", library.name(), library.licences())
        .anyMatch(name -> name.startsWith(LICENCES + library.name() + "/LICENSE")));
  }

  @Test
  void theNoticeNamesEveryBundledLibrary() throws Exception {
    String notice = text(metaInf(JAR).get("META-INF/NOTICE"));

    assertThat(PluginSbom.read().thirdPartyLibraries())
        .allSatisfy(library -> assertThat(notice).contains(library.name()));
    // Feign ships its notice in its repository only, not in its jars.
    assertThat(notice).contains("Copyright 2012 The Feign Authors.");
  }

  /** Licence files are text; as text, a difference reads. */
  private static String text(byte[] file) {
    return file == null ? null : new String(file, StandardCharsets.UTF_8);
  }

  /** The files under a jar's META-INF, by name. */
  private static Map<String, byte[]> metaInf(Path jar) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<? extends ZipEntry> entries = zip.stream()
          .filter(entry -> !entry.isDirectory() && entry.getName().startsWith("META-INF/"))
          .toList();
      for (ZipEntry entry : entries) {
        files.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
      }
    }
    return files;
  }
}

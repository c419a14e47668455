package dev.vdk.executionskip.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The CycloneDX SBOM that the build writes beside the plugin jar, read as the tests need it. */
record PluginSbom(JsonNode root) {
  static final Path FILE = Path.of("target", "checker-plugin.cdx.json");

  /** One library the SBOM lists, with the SPDX ids (or names) of its licences. */
  record Library(String group, String name, String version, List<String> licences) {
    boolean isOurs() {
      return group.equals("dev.vdk");
    }

    /** The library's jar on this JVM's class path, where Maven put it for the tests. */
    Path jarOnClasspath() {
      String fileName = name + "-" + version + ".jar";
      List<Path> matches = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .map(Path::of)
          .filter(entry -> entry.getFileName().toString().equals(fileName))
          .toList();
      assertThat(matches).as("%s on the class path", fileName).hasSize(1);
      return matches.get(0);
    }
  }

  static PluginSbom read() throws IOException {
    assertThat(FILE).as("the SBOM the build writes").exists();
    return new PluginSbom(new ObjectMapper().readTree(FILE.toFile()));
  }

  JsonNode describedComponent() {
    return root.path("metadata").path("component");
  }

  List<Library> libraries() {
    List<Library> libraries = new ArrayList<>();
    for (JsonNode component : root.path("components")) {
      List<String> licences = new ArrayList<>();
      for (JsonNode choice : component.path("licenses")) {
        JsonNode licence = choice.path("license");
        licences.add(licence.hasNonNull("id") ? licence.get("id").asText() : licence.path("name").asText());
      }
      libraries.add(new Library(
          component.path("group").asText(),
          component.path("name").asText(),
          component.path("version").asText(),
          List.copyOf(licences)));
    }
    return libraries;
  }

  List<Library> thirdPartyLibraries() {
    return libraries().stream().filter(library -> !library.isOurs()).toList();
  }
}

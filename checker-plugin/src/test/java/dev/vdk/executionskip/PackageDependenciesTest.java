package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.BackendProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's packages, read from their imports: the core (the plugin, the backend SPI, the
 * operator command) names no backend, no backend names another, and no two packages import each
 * other, directly or round about.
 */
class PackageDependenciesTest {
  private static final String ROOT = "dev.vdk.executionskip";
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(" + Pattern.quote(ROOT) + "[\\w.]*)\\.\\w+;", Pattern.MULTILINE);

  private static Map<String, Set<String>> imports;

  @BeforeAll
  static void readImports() throws IOException {
    imports = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES.resolve(ROOT.replace('.', '/')))) {
      files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
        String from = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        Set<String> to = imports.computeIfAbsent(from, key -> new TreeSet<>());
        Matcher matcher = IMPORT.matcher(read(file));
        while (matcher.find()) {
          String imported = packageOf(matcher.group(1));
          if (!imported.equals(from)) {
            to.add(imported);
          }
        }
      });
    }
  }

  /** The backends' packages: those of the providers listed for discovery. */
  private static Set<String> backendPackages() {
    Set<String> packages = new TreeSet<>();
    BackendProviders.discover().all().forEach(provider -> packages.add(provider.getClass().getPackageName()));
    return packages;
  }

  @Test
  void theCoreNamesNoBackend() {
    Set<String> backends = backendPackages();
    assertThat(backends)
        .contains(ROOT + ".controlservice", ROOT + ".local", ROOT + ".postgres", ROOT + ".postgreslease");
    for (String core : List.of(ROOT, BackendProvider.class.getPackageName(), ROOT + ".cli")) {
      assertThat(imports.get(core)).as("what %s imports", core).doesNotContainAnyElementsOf(backends);
    }
  }

  /**
   * The one backend that builds on another: postgres-lease shares the postgres backend's connection
   * keys and connection code (settings, connector, SQL failures) rather than copy them.
   */
  private static final Map<String, Set<String>> BUILDS_ON =
      Map.of(ROOT + ".postgreslease", Set.of(ROOT + ".postgres"));

  @Test
  void noBackendNamesAnother() {
    Set<String> backends = backendPackages();
    for (String backend : backends) {
      Set<String> others = new HashSet<>(backends);
      others.remove(backend);
      others.removeAll(BUILDS_ON.getOrDefault(backend, Set.of()));
      assertThat(imports.get(backend)).as("what %s imports", backend).doesNotContainAnyElementsOf(others);
    }
  }

  @Test
  void noPackagesImportEachOther() {
    for (String start : imports.keySet()) {
      assertThat(cycleFrom(start, start, new ArrayList<>())).as("a cycle through %s", start).isEmpty();
    }
  }

  /** A path of imports from {@code at} back to {@code start}, if there is one. */
  private static List<String> cycleFrom(String start, String at, List<String> path) {
    path.add(at);
    for (String next : imports.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        path.add(next);
        return path;
      }
      if (!path.contains(next)) {
        List<String> found = cycleFrom(start, next, path);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    path.remove(path.size() - 1);
    return List.of();
  }

  /** The package of an imported name: the segments before the first that starts upper case. */
  private static String packageOf(String name) {
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("\\.")) {
      if (Character.isUpperCase(segment.charAt(0))) {
        break;
      }
      segments.add(segment);
    }
    return String.join(".", segments);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code java -jar example-job/target/example-job.jar} as the README tells users to. */
class ExampleJobJarIT {
  private static final Path JAR = Path.of("target", "example-job.jar");

  @TempDir Path workDir;

  record Result(int exitCode, String output) {}

  private Result java(Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.toUpperCase().startsWith("VDK_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void theJarRunsTheJobLocallyAndWritesASuccessTerminationMessage() throws Exception {
    Path terminationLog = workDir.resolve("termination-log");

    Result result = java(Map.of("VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog.toString()));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Loaded 10 new records; checkpoint 0 -> 10");
    assertThat(Files.readString(terminationLog)).matches("\\{\"vdk_version\": \"[^\"]+\", \"status\": \"Success\"}");
    assertThat(workDir.resolve("example-data").resolve("checkpoint")).hasContent("10");
  }

  @Test
  void theJarCarriesThePluginsThirdPartyCodeOnlyRelocated() throws Exception {
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      List<String> entries = jar.stream().map(ZipEntry::getName).toList();

      assertThat(entries)
          .anyMatch(name -> name.startsWith("dev/vdk/executionskip/shaded/feign/"))
          .anyMatch(name -> name.startsWith("dev/vdk/executionskip/shaded/jackson/"))
          .anyMatch(name -> name.startsWith("dev/vdk/executionskip/shaded/postgresql/"))
          .noneMatch(name -> name.startsWith("feign/"))
          .noneMatch(name -> name.startsWith("com/fasterxml/"))
          .noneMatch(name -> name.startsWith("org/postgresql/"));
    }
  }

  @Test
  void theJarKeepsTheLicencesOfTheLibrariesThePluginBundles() throws Exception {
    Path pluginJar = Path.of("..", "checker-plugin", "target", "checker-plugin.jar");
    try (ZipFile jar = new ZipFile(JAR.toFile()); ZipFile plugin = new ZipFile(pluginJar.toFile())) {
      List<String> pluginLicences = plugin.stream()
          .map(ZipEntry::getName)
          .filter(name -> name.startsWith("META-INF/licenses/") && !name.endsWith("/"))
          .toList();

      assertThat(pluginLicences).contains("META-INF/licenses/postgresql/LICENSE");
      assertThat(jar.stream().map(ZipEntry::getName)).containsAll(pluginLicences);
    }
  }

  @Test
  void configHelpListsTheFrameworksTheJobsAndThePluginsKeys() throws Exception {
    Result result = java(Map.of(), "config-help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output())
        .contains("LOG_CONFIG", "TERMINATION_MESSAGE_WRITER_ENABLED", "EXAMPLE_DATA_DIR", "EXAMPLE_PAUSE_SECONDS")
        .contains("EXECUTION_SKIP_CHECKER_ENABLED", "CONTROL_SERVICE_REST_API_URL", "EXECUTION_SKIP_CHECKER_BACKEND");
  }
}

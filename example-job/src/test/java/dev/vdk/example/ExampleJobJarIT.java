package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
    return java(List.of(), env, args);
  }

  private Result java(List<String> jvmOptions, Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
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
  void logTimestampsAreUtcWhateverTheMachinesTimeZone() throws Exception {
    Instant before = Instant.now();
    // UTC+14: a local time marked Z would be off by fourteen hours.
    Result result =
        java(List.of("-Duser.timezone=Pacific/Kiritimati"),
            Map.of("VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve("termination-log").toString()));
    Instant after = Instant.now();

    assertThat(result.exitCode()).as(result.output()).isZero();
    List<Instant> stamps =
        result.output().lines()
            .filter(line -> line.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z .*"))
            .map(line -> Instant.parse(line.substring(0, line.indexOf(' '))))
            .toList();
    assertThat(stamps).as(result.output()).isNotEmpty();
    // Log records are stamped to the millisecond, and the bounds are not: allow for the rounding.
    assertThat(stamps).allSatisfy(stamp ->
        assertThat(stamp).isBetween(before.minusSeconds(1), after.plusSeconds(1)));
  }

  @Test
  void theUserAgentNamesThePluginsVersionFromInsideTheJobsJar() throws Exception {
    List<String> userAgents = new CopyOnWriteArrayList<>();
    HttpServer controlService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    controlService.createContext("/", exchange -> {
      userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
      byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    controlService.start();
    try {
      Result result =
          java(Map.of(
              "VDK_LOG_CONFIG", "CLOUD",
              "VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + controlService.getAddress().getPort(),
              "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve("termination-log").toString()));

      assertThat(result.exitCode()).as(result.output()).isZero();
    } finally {
      controlService.stop(0);
    }
    String version = System.getProperty("project.version");
    assertThat(version).as("system property project.version, set by this module's pom.xml").isNotBlank();
    assertThat(userAgents).containsExactly("vdk-java-execution-skip/" + version);
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
  void configHelpListsTheFrameworksTheJobsAndThePluginsKeys() throws Exception {
    Result result = java(Map.of(), "config-help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output())
        .contains("LOG_CONFIG", "TERMINATION_MESSAGE_WRITER_ENABLED", "EXAMPLE_DATA_DIR", "EXAMPLE_PAUSE_SECONDS")
        .contains("EXECUTION_SKIP_CHECKER_ENABLED", "CONTROL_SERVICE_REST_API_URL", "EXECUTION_SKIP_CHECKER_BACKEND");
  }
}

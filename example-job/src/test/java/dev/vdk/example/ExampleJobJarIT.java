package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vdk.testsupport.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code java -jar example-job/target/example-job.jar} as the README tells users to. */
class ExampleJobJarIT {
  private static final Path JAR = Path.of("target", "example-job.jar");

  @TempDir Path workDir;

  private ChildJvm.Result java(Map<String, String> env, String... args) {
    return ChildJvm.in(workDir).withEnvironment(env).runJar(JAR, args);
  }

  private static int refusingPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void theJarRunsTheJobLocallyAndWritesASuccessTerminationMessage() throws Exception {
    Path terminationLog = workDir.resolve("termination-log");

    ChildJvm.Result result = java(Map.of("VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog.toString()));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Loaded 10 new records; checkpoint 0 -> 10");
    assertThat(Files.readString(terminationLog)).matches("\\{\"vdk_version\": \"[^\"]+\", \"status\": \"Success\"}");
    assertThat(workDir.resolve("example-data").resolve("checkpoint")).hasContent("10");
  }

  @Test
  void logTimestampsAreUtcWhateverTheMachinesTimeZone() throws Exception {
    Instant before = Instant.now();
    // UTC+14: a local time marked Z would be off by fourteen hours.
    ChildJvm.Result result =
        ChildJvm.in(workDir)
            .withJvmOptions("-Duser.timezone=Pacific/Kiritimati")
            .withEnvironment("VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve("termination-log").toString())
            .runJar(JAR);
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
      ChildJvm.Result result =
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
  void theLogGoesToStderrAndTheJobsOwnOutputToStdout() {
    ChildJvm.Result result =
        java(Map.of("VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve("termination-log").toString()));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "Created example-data/source.csv with 10 sample records.",
            "Loaded 10 new records; checkpoint 0 -> 10; example-data/output.csv holds 10 rows.");
    assertThat(result.err())
        .contains("INFO dev.vdk.executionskip.ExecutionSkipPlugin - execution_skip_decision")
        .contains("ended with status Success (exit code 0)");
  }

  @Test
  void aConfigFileNamedByJobConfigIsLayeredOverTheJobsOwn() throws Exception {
    Path file = Files.writeString(workDir.resolve("ops.conf"), "team = ops-team\nexample_data_dir = data-from-ops\n");

    ChildJvm.Result result = java(Map.of(
        "VDK_JOB_CONFIG", file.toString(),
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve("termination-log").toString()));

    assertThat(result.exitCode()).as(result.output()).isZero();
    // The team comes from the operator's file, the job's name still from the job's own.
    assertThat(result.err()).contains("Job example-incremental-etl of team ops-team");
    assertThat(workDir.resolve("data-from-ops").resolve("checkpoint")).hasContent("10");
  }

  @Test
  void aMissingConfigFileIsAUserErrorThatExitsOneAndNamesTheKeyAndThePath() throws Exception {
    Path missing = workDir.resolve("absent.conf");
    Path terminationLog = workDir.resolve("termination-log");

    ChildJvm.Result result = java(Map.of(
        "VDK_JOB_CONFIG", missing.toString(),
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog.toString()));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.err()).contains("JOB_CONFIG", "VDK_JOB_CONFIG", missing.toString(), "does not exist");
    assertThat(Files.readString(terminationLog)).contains("\"status\": \"User error\"");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aFailedCheckWithTheFailPolicyIsAPlatformErrorThatExitsThree() throws Exception {
    Path terminationLog = workDir.resolve("termination-log");

    ChildJvm.Result result = java(Map.of(
        "VDK_LOG_CONFIG", "CLOUD",
        "VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + refusingPort(),
        "VDK_CONTROL_HTTP_CONNECT_RETRIES", "0",
        "VDK_EXECUTION_SKIP_ON_ERROR", "fail",
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog.toString()));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    assertThat(Files.readString(terminationLog)).contains("\"status\": \"Platform error\"");
    assertThat(result.err()).contains("ended with status Platform error (exit code 3)");
  }

  @Test
  void anInvalidSettingIsAUserErrorThatExitsOne() {
    ChildJvm.Result result = java(Map.of(
        "VDK_LOG_CONFIG", "heaven",
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve("termination-log").toString()));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.err()).contains("VDK_LOG_CONFIG");
  }

  @Test
  void theJarMergesTheServiceFilesOfEveryPlugin() throws Exception {
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      ZipEntry services = jar.getEntry("META-INF/services/dev.vdk.api.VdkPlugin");
      String announced = new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8);

      assertThat(announced.lines().map(String::strip))
          .contains("dev.vdk.example.ExampleJobKeys", "dev.vdk.executionskip.ExecutionSkipPlugin");
    }
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
    ChildJvm.Result result = java(Map.of(), "config-help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output())
        .contains("LOG_CONFIG", "TERMINATION_MESSAGE_WRITER_ENABLED", "EXAMPLE_DATA_DIR", "EXAMPLE_PAUSE_SECONDS")
        .contains("EXECUTION_SKIP_CHECKER_ENABLED", "CONTROL_SERVICE_REST_API_URL", "EXECUTION_SKIP_CHECKER_BACKEND")
        .contains("EXECUTION_SKIP_LEASE_TTL_SECONDS", "EXECUTION_SKIP_POSTGRES_TABLE");
  }
}

package dev.vdk.executionskip.dropin;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vdk.testsupport.ChildJvm;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin is a drop-in: a job that knows nothing of it runs unguarded on the
 * framework alone, and is guarded as soon as {@code target/checker-plugin.jar} joins its
 * classpath. The jar carries its third-party code relocated, so it cannot clash with a job's own.
 */
class DropInJarIT {
  private static final Path JAR = Path.of("target", "checker-plugin.jar").toAbsolutePath();
  private static final String EXECUTIONS_PATH =
      "/data-jobs/for-team/" + DropInJob.TEAM + "/jobs/" + DropInJob.JOB + "/executions";
  private static final Pattern TYPESAFE_CONFIG_JAR = Pattern.compile("config-[0-9.]+\\.jar");

  @TempDir Path workDir;
  private WireMockServer server;

  record Run(int exitCode, String output, String terminationStatus) {}

  @BeforeEach
  void startAControlServiceThatListsAnotherExecution() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(
        "[{\"id\": \"" + DropInJob.JOB + "-other\", \"status\": \"running\"}]")));
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  @Test
  void withThePluginJarTheJobIsSkippedBeforeItsStep() throws Exception {
    List<String> classpath = new ArrayList<>(frameworkClasspath());
    classpath.add(JAR.toString());

    Run run = runJob(classpath);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.terminationStatus()).as(run.output()).isEqualTo("Skipped");
    assertThat(run.output()).doesNotContain(DropInJob.STEP_LINE);
    assertThat(server.getAllServeEvents()).hasSize(1);
    assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("User-Agent"))
        .isEqualTo("vdk-java-execution-skip/" + pluginVersion());
  }

  @Test
  void withoutThePluginJarTheJobRunsUnguarded() throws Exception {
    Run run = runJob(frameworkClasspath());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.terminationStatus()).as(run.output()).isEqualTo("Success");
    assertThat(run.output()).contains(DropInJob.STEP_LINE);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void theJarRelocatesItsThirdPartyCodeAndAnnouncesThePlugin() throws Exception {
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      List<String> entries = jar.stream().map(ZipEntry::getName).toList();

      assertThat(entries)
          .anyMatch(name -> name.startsWith("dev/vdk/executionskip/shaded/feign/"))
          .anyMatch(name -> name.startsWith("dev/vdk/executionskip/shaded/jackson/"))
          .noneMatch(name -> name.startsWith("feign/"))
          .noneMatch(name -> name.startsWith("com/fasterxml/"))
          .noneMatch(name -> name.startsWith("org/checkerframework/"))
          // Annotations the driver does not need at run time: dead weight, relocated or not.
          .noneMatch(name -> name.startsWith("dev/vdk/executionskip/shaded/checkerframework/"))
          .noneMatch(name -> name.startsWith("META-INF/versions/"));
      ZipEntry services = jar.getEntry("META-INF/services/dev.vdk.api.VdkPlugin");
      assertThat(services).isNotNull();
      String announced = new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(announced.lines().map(String::strip))
          .contains("dev.vdk.executionskip.ExecutionSkipPlugin");
    }
  }

  @Test
  void theJarDoesNotAnnounceItsRelocatedPostgresqlDriverToDriverManager() throws Exception {
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      assertThat(jar.stream().map(ZipEntry::getName))
          .anyMatch(name -> name.startsWith("dev/vdk/executionskip/shaded/postgresql/"))
          .noneMatch(name -> name.startsWith("org/postgresql/"))
          .doesNotContain("META-INF/services/java.sql.Driver");
    }
  }

  @Test
  void theJarsManifestNamesItsVersionModuleAndTheCheckCommand() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();

      assertThat(manifest.getValue(Attributes.Name.IMPLEMENTATION_VERSION)).isEqualTo(pluginVersion());
      assertThat(manifest.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo("dev.vdk.executionskip.cli.CheckLauncher");
      assertThat(manifest.getValue("Automatic-Module-Name")).isEqualTo("dev.vdk.executionskip");
    }
  }

  /** The project's version, which failsafe passes in (see this module's pom.xml). */
  private static String pluginVersion() {
    String version = System.getProperty("plugin.version");
    assertThat(version).as("system property plugin.version").isNotBlank();
    return version;
  }

  /**
   * What every job has: the framework (checker-api and Typesafe Config) plus this module's test
   * classes for {@link DropInJob}, taken from this JVM's classpath; the plugin's own classes and
   * its Feign, Jackson and PostgreSQL jars are left out.
   */
  static List<String> frameworkClasspath() {
    String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
    List<String> kept =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.equals(testClasses)
                || isCheckerApi(entry)
                || TYPESAFE_CONFIG_JAR.matcher(Path.of(entry).getFileName().toString()).matches())
            .toList();
    assertThat(kept).as("framework classpath taken from %s", System.getProperty("java.class.path")).hasSize(3);
    return kept;
  }

  /** checker-api's classes or jar, but not its test support. */
  private static boolean isCheckerApi(String entry) {
    return entry.contains("checker-api") && !entry.endsWith("-tests.jar") && !entry.endsWith("test-classes");
  }

  private Run runJob(List<String> classpath) throws Exception {
    Path terminationLog = workDir.resolve("termination-log");
    ChildJvm.Result result =
        ChildJvm.in(workDir)
            .withEnvironment(Map.of(
                "VDK_LOG_CONFIG", "CLOUD",
                "VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + server.port(),
                "VDK_ATTEMPT_ID", DropInJob.JOB + "-own-abcde",
                "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog.toString()))
            .run(List.of("-cp", String.join(File.pathSeparator, classpath), DropInJob.class.getName()));
    String status = new ObjectMapper().readTree(Files.readString(terminationLog)).get("status").asText();
    return new Run(result.exitCode(), result.output(), status);
  }
}

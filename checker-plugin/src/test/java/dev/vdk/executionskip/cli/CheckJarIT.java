package dev.vdk.executionskip.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code java -jar target/checker-plugin.jar} as an operator would: a real process, with the
 * framework only inside the jar's nested libraries, against WireMock on loopback.
 */
class CheckJarIT {
  private static final Path JAR = Path.of("target", "checker-plugin.jar");
  private static final String EXECUTIONS_PATH = "/data-jobs/for-team/team-a/jobs/job-a/executions";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance().options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @TempDir Path workDir;

  record Result(int exitCode, String out, String err) {}

  private Result java(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path stderr = workDir.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.toUpperCase(Locale.ROOT).startsWith("VDK_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out, Files.readString(stderr));
  }

  private Map<String, String> controlService() {
    return Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + server.getPort());
  }

  @Test
  void aConflictingExecutionIsExitCodeTenWithTheTable() throws Exception {
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(
        "[{\"id\": \"job-a-1700000000-abcde\", \"status\": \"running\","
            + " \"start_time\": \"2023-11-14T22:13:20Z\", \"started_by\": \"scheduled/runtime\"}]")));

    Result result = java(controlService(), "check", "--team", "team-a", "--job", "job-a");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
    assertThat(result.out())
        .contains("Job job-a of team team-a: an execution starting now would be SKIPPED.")
        .containsPattern("job-a-1700000000-abcde +running +2023-11-14T22:13:20Z +scheduled/runtime\n");
    // The clients' informational log lines stay out of the way.
    assertThat(result.err()).isEmpty();
  }

  @Test
  void noExecutionIsExitCodeZeroAndJsonParses() throws Exception {
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));

    Result result = java(controlService(), "check", "--team", "team-a", "--job", "job-a", "--json");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("decision").asText()).isEqualTo("run");
    assertThat(json.get("executions")).isEmpty();
  }

  @Test
  void aMissingUrlIsExitCodeTwoWithOneLineNamingTheKey() throws Exception {
    Result result = java(Map.of(), "check", "--team", "team-a", "--job", "job-a");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).singleElement().asString().contains("CONTROL_SERVICE_REST_API_URL");
  }

  @Test
  void helpIsExitCodeZero() throws Exception {
    Result result = java(Map.of(), "--help");

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).startsWith("Usage: java -jar checker-plugin.jar check").contains("Exit codes:");
  }

  @Test
  void aLockHeldByAnotherProcessIsNamedAndLeftHeld(@TempDir Path lockDirectory) throws Exception {
    Map<String, String> local = Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
        "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", lockDirectory.toString());
    ExecutionRequest holder = new ExecutionRequest("team-a", "job-a", "exec-holder", "exec-holder-abcde");
    Decision held = new LocalFileLockBackend(lockDirectory).tryAcquire(holder);
    try (Lease lease = held.lease()) {
      Result result = java(local, "check", "--team", "team-a", "--job", "job-a");

      assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
      assertThat(result.out())
          .contains("held by another process by attempt exec-holder-abcde of execution exec-holder (pid "
              + ProcessHandle.current().pid());
    }
    assertThat(java(local, "check", "--team", "team-a", "--job", "job-a").exitCode()).isEqualTo(0);
  }

  @Test
  void theFrameworkIsNestedNotAtTheTopLevel() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> names = jar.stream().map(entry -> entry.getName()).toList();

      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(CheckLauncher.class.getName());
      assertThat(names).noneMatch(name -> name.startsWith("dev/vdk/api/") || name.startsWith("dev/vdk/runtime/")
          || name.startsWith("com/typesafe/"));
      assertThat(names).filteredOn(name -> name.startsWith(CheckLauncher.NESTED))
          .anyMatch(name -> name.matches(".*/checker-api-[^/]+\\.jar"))
          .anyMatch(name -> name.matches(".*/config-[^/]+\\.jar"));
    }
  }
}

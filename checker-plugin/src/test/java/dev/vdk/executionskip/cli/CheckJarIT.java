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
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockBackend;
import dev.vdk.executionskip.postgres.TestPostgres;
import dev.vdk.testsupport.ChildJvm;
import dev.vdk.testsupport.ChildJvm.Result;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code java -jar target/checker-plugin.jar} as an operator would: a real process, with the
 * framework only inside the jar's nested libraries, against WireMock or PostgreSQL on loopback.
 * Every form of the command that docs/operator-command.md and the command's
 * own help show is run here: help, text, JSON, with and without an attempt id, options written
 * with '=', and each backend.
 */
class CheckJarIT {
  private static final Path JAR = Path.of("target", "checker-plugin.jar");
  private static final String EXECUTIONS_PATH = "/data-jobs/for-team/team-a/jobs/job-a/executions";
  private static final String RUNNING = "job-a-1700000000-abcde";
  private static final String RUNNING_EXECUTIONS =
      "[{\"id\": \"" + RUNNING + "\", \"status\": \"running\","
          + " \"start_time\": \"2023-11-14T22:13:20Z\", \"started_by\": \"scheduled/runtime\"}]";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance().options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @TempDir Path workDir;
  private ChildJvm java;

  @BeforeEach
  void operatorShell() {
    java = ChildJvm.in(workDir);
  }

  private Result check(Map<String, String> env, String... args) {
    return java.withEnvironment(env).runJar(JAR, args);
  }

  private Map<String, String> controlService() {
    return Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + server.getPort());
  }

  private void controlServiceLists(String executionsJson) {
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(executionsJson)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--help", "-h", "help", "check --help"})
  void everyFormOfHelpIsExitCodeZero(String args) {
    Result result = check(Map.of(), args.split(" "));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out()).startsWith("Usage: java -jar checker-plugin.jar check").contains("Exit codes:");
  }

  @Test
  void aConflictingExecutionIsExitCodeTenWithTheTable() {
    controlServiceLists(RUNNING_EXECUTIONS);

    Result result = check(controlService(), "check", "--team", "team-a", "--job", "job-a");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
    assertThat(result.out())
        .contains("Job job-a of team team-a: an execution starting now would be SKIPPED.")
        .containsPattern(RUNNING + " +running +2023-11-14T22:13:20Z +scheduled/runtime\n");
    // The clients' informational log lines stay out of the way.
    assertThat(result.err()).isEmpty();
  }

  @Test
  void optionsWrittenWithAnEqualsSignAreTheSameCommand() {
    controlServiceLists(RUNNING_EXECUTIONS);

    Result result = check(controlService(), "check", "--team=team-a", "--job=job-a");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
    assertThat(result.out()).contains("Job job-a of team team-a: an execution starting now would be SKIPPED.");
  }

  @Test
  void noExecutionIsExitCodeZeroAndJsonParses() throws Exception {
    controlServiceLists("[]");

    Result result = check(controlService(), "check", "--team", "team-a", "--job", "job-a", "--json");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("decision").asText()).isEqualTo("run");
    assertThat(json.get("executions")).isEmpty();
  }

  @Test
  void anAttemptIdWhoseExecutionIsListedFindsItsOwnRecordAndWouldRun() {
    controlServiceLists(RUNNING_EXECUTIONS);

    Result result = check(controlService(), "check", "--team", "team-a", "--job", "job-a", "--attempt-id", RUNNING + "-xyzab");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("would RUN.")
        .contains("attempt id: " + RUNNING + "-xyzab\n")
        .contains("Conflicting executions: none.");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void anAttemptIdWithJsonAsTheReadmeShowsIt() throws Exception {
    controlServiceLists(RUNNING_EXECUTIONS);

    Result result = check(controlService(), "check", "--team", "team-a", "--job", "job-a", "--attempt-id", "A", "--json");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("decision").asText()).isEqualTo("skip");
    assertThat(json.get("attempt_id").asText()).isEqualTo("A");
    assertThat(json.get("attempt_id_synthetic").asBoolean()).isFalse();
    assertThat(json.get("executions").get(0).get("id").asText()).isEqualTo(RUNNING);
  }

  @Test
  void aValueThatStartsWithADashIsGivenAfterTheEqualsSign() {
    server.stubFor(get(urlPathEqualTo("/data-jobs/for-team/team-a/jobs/-x/executions")).willReturn(okJson("[]")));

    assertThat(check(controlService(), "check", "--team", "team-a", "--job=-x").exitCode()).isEqualTo(0);
    Result asFlag = check(controlService(), "check", "--team", "team-a", "--job", "-h");
    assertThat(asFlag.exitCode()).isEqualTo(2);
    assertThat(asFlag.err()).contains("--job needs a value, not the option '-h'");
  }

  @Test
  void aMissingUrlIsExitCodeTwoWithOneLineNamingTheKey() {
    Result result = check(Map.of(), "check", "--team", "team-a", "--job", "job-a");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).singleElement().asString()
        .contains("CONTROL_SERVICE_REST_API_URL")
        .doesNotContain("job's config file");
  }

  @Test
  void aLockHeldByAnotherProcessIsNamedWithItsStartTimeAndLeftHeld(@TempDir Path lockDirectory) throws Exception {
    Map<String, String> local = Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
        "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", lockDirectory.toString());
    ExecutionRequest holder = new ExecutionRequest("team-a", "job-a", "exec-holder", "exec-holder-abcde");
    Decision held = new LocalFileLockBackend(lockDirectory).tryAcquire(holder);
    try (Lease lease = held.lease()) {
      Result result = check(local, "check", "--team", "team-a", "--job", "job-a");

      assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
      assertThat(result.out())
          .contains("held by another process by attempt exec-holder-abcde of execution exec-holder (pid "
              + ProcessHandle.current().pid())
          .containsPattern("\nexec-holder +running +\\d{4}-\\d\\d-\\d\\dT[^ ]+Z +pid "
              + ProcessHandle.current().pid() + " on this machine\n");
    }
    assertThat(check(local, "check", "--team", "team-a", "--job", "job-a").exitCode()).isEqualTo(0);
  }

  @Test
  void aPostgresLockHeldByAnotherSessionIsNamedWithItsStartTime() throws Exception {
    Map<String, String> env = Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres",
        "VDK_EXECUTION_SKIP_POSTGRES_URL", postgres.jdbcUrl(),
        "VDK_EXECUTION_SKIP_POSTGRES_USER", TestPostgres.USER,
        "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", TestPostgres.PASSWORD);
    ExecutionRequest holder = new ExecutionRequest("team-a", "job-a", "exec-holder", "exec-holder-abcde");
    Instant before = Instant.now();
    Decision held = new PostgresAdvisoryLockBackend(postgres.settings()).tryAcquire(holder);
    try (Lease lease = held.lease()) {
      Result result = check(env, "check", "--team", "team-a", "--job", "job-a", "--json");

      assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
      JsonNode execution = new ObjectMapper().readTree(result.out()).get("executions").get(0);
      assertThat(execution.get("id").asText()).isEqualTo("exec-holder");
      assertThat(Instant.parse(execution.get("start_time").asText())).isAfter(before.minusSeconds(5));
      assertThat(execution.get("started_by").asText()).startsWith("PostgreSQL session of server pid ");
      assertThat(result.out()).doesNotContain(TestPostgres.PASSWORD);
    }
    assertThat(check(env, "check", "--team", "team-a", "--job", "job-a").exitCode()).isEqualTo(0);
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

package dev.vdk.executionskip.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command against a real HTTP server standing in for the Control Service. */
class CheckCommandControlServiceTest {
  private static final String TEAM = "supercollider";
  private static final String JOB = "mzhivkov-test-job3";
  private static final String EXECUTIONS_PATH = "/data-jobs/for-team/" + TEAM + "/jobs/" + JOB + "/executions";
  private static final String RUNNING =
      """
      {"id": "mzhivkov-test-job3-latest-1627583589244-9681d", "job_name": "mzhivkov-test-job3",
       "status": "running", "type": "manual", "start_time": "2021-09-24T14:14:03.922Z",
       "started_by": "manual/vdk-control-cli", "op_id": "e61d395859dc4c45", "unknown_field": 1}""";
  private static final String SUBMITTED =
      """
      {"id": "mzhivkov-test-job3-latest-1627588257426-b1027", "status": "submitted",
       "start_time": "2021-09-24T15:30:57.426Z", "started_by": "scheduled/runtime"}""";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance().options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private final InProcessCommand command = new InProcessCommand();

  private Map<String, String> environment() {
    // LOG_CONFIG=LOCAL would stop a job's check; the operator command checks anyway.
    return Map.of(
        "VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + server.getPort(),
        "VDK_LOG_CONFIG", "LOCAL");
  }

  private void answer(String... executions) {
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[" + String.join(",", executions) + "]")));
  }

  @Test
  void wouldRunWhenTheControlServiceListsNoExecution() {
    answer();

    InProcessCommand.Result result = command.run(environment(), "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("Job mzhivkov-test-job3 of team supercollider: an execution starting now would RUN.")
        .contains("backend:    control-service")
        .contains("Conflicting executions: none.");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void wouldBeSkippedAndTheTableListsEachConflictingExecution() {
    answer(RUNNING, SUBMITTED);

    InProcessCommand.Result result = command.run(environment(), "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
    assertThat(result.out())
        .contains("an execution starting now would be SKIPPED.")
        .contains("Conflicting executions (2):")
        .containsPattern("ID +STATUS +START TIME +STARTED BY\n")
        .containsPattern(
            "mzhivkov-test-job3-latest-1627583589244-9681d +running +2021-09-24T14:14:03.922Z +manual/vdk-control-cli\n")
        .containsPattern(
            "mzhivkov-test-job3-latest-1627588257426-b1027 +submitted +2021-09-24T15:30:57.426Z +scheduled/runtime\n");
  }

  @Test
  void whenTheOldestWinsTheTableListsTheOneInTheWayFirstWhereverItIsListed() {
    answer(SUBMITTED, RUNNING);
    Map<String, String> environment = new HashMap<>(environment());
    environment.put("VDK_EXECUTION_SKIP_OLDEST_WINS", "true");

    InProcessCommand.Result result = command.run(environment, "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
    assertThat(result.out())
        .contains("Conflicting executions (2):")
        .containsPattern(
            "ID +STATUS +START TIME +STARTED BY\n"
                + "mzhivkov-test-job3-latest-1627583589244-9681d +running +2021-09-24T14:14:03.922Z +manual/vdk-control-cli\n"
                + "mzhivkov-test-job3-latest-1627588257426-b1027 +submitted +2021-09-24T15:30:57.426Z +scheduled/runtime\n");
  }

  @Test
  void withoutAnAttemptIdTheSyntheticOneIsNamedAsSuch() {
    answer();

    InProcessCommand.Result result = command.run(environment(), "check", "--team", TEAM, "--job", JOB);

    assertThat(result.out())
        .containsPattern("attempt id: ~vdk-check-\\S+ \\(synthetic: no --attempt-id was given, so it matches no"
            + " execution and every listed execution counts as conflicting\\)");
  }

  @Test
  void anAttemptsOwnRecordIsNeitherInItsWayNorListed() {
    answer(RUNNING);

    InProcessCommand.Result result =
        command.run(environment(), "check", "--team", TEAM, "--job", JOB,
            "--attempt-id", "mzhivkov-test-job3-latest-1627583589244-9681d-tkr4l");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("attempt id: mzhivkov-test-job3-latest-1627583589244-9681d-tkr4l\n")
        .doesNotContain("synthetic")
        .contains("Conflicting executions: none.");
  }

  @Test
  void jsonIsOneObjectWithTheDecisionAndTheExecutions() throws Exception {
    answer(RUNNING);

    InProcessCommand.Result result =
        command.run(environment(), "check", "--team", TEAM, "--job", JOB, "--attempt-id", "other-attempt-abcde", "--json");

    assertThat(result.exitCode()).isEqualTo(10);
    assertThat(result.out().strip()).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("decision").asText()).isEqualTo("skip");
    assertThat(json.get("reason").asText()).contains("mzhivkov-test-job3-latest-1627583589244-9681d");
    assertThat(json.get("backend").asText()).isEqualTo("control-service");
    assertThat(json.get("team").asText()).isEqualTo(TEAM);
    assertThat(json.get("job").asText()).isEqualTo(JOB);
    assertThat(json.get("attempt_id").asText()).isEqualTo("other-attempt-abcde");
    assertThat(json.get("attempt_id_synthetic").asBoolean()).isFalse();
    assertThat(json.get("checked_at").asText()).isEqualTo("2021-09-24T14:00:00Z");
    assertThat(json.get("executions")).hasSize(1);
    JsonNode execution = json.get("executions").get(0);
    assertThat(execution.get("id").asText()).isEqualTo("mzhivkov-test-job3-latest-1627583589244-9681d");
    assertThat(execution.get("status").asText()).isEqualTo("running");
    assertThat(execution.get("start_time").asText()).isEqualTo("2021-09-24T14:14:03.922Z");
    assertThat(execution.get("started_by").asText()).isEqualTo("manual/vdk-control-cli");
  }

  @Test
  void jsonWouldRunHasAnEmptyExecutionsArray() throws Exception {
    answer();

    InProcessCommand.Result result = command.run(environment(), "check", "--team", TEAM, "--job", JOB, "--json");

    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(json.get("decision").asText()).isEqualTo("run");
    assertThat(json.get("attempt_id_synthetic").asBoolean()).isTrue();
    assertThat(json.get("executions").isArray()).isTrue();
    assertThat(json.get("executions")).isEmpty();
  }

  @Test
  void controlCharactersFromTheServerAreNotPrintedRaw() {
    answer("{\"id\": \"x-1\", \"status\": \"running\\u001b[2J\\nforged line\"}");

    InProcessCommand.Result result = command.run(environment(), "check", "--team", TEAM, "--job", JOB);

    assertThat(result.out()).doesNotContain("\u001b").contains("running\\u001b[2J\\nforged line");
  }

  @Test
  void anUnreachableServiceCannotBeChecked() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    InProcessCommand.Result result =
        command.run(Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + closedPort),
            "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("vdk-check: could not check job mzhivkov-test-job3 of team supercollider: ")
        .endsWith("\n");
    assertThat(result.err().strip()).doesNotContain("\n");
  }

  @Test
  void aMissingUrlCannotBeCheckedAndTheKeyIsNamed() {
    InProcessCommand.Result result = command.run(Map.of(), "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains("CONTROL_SERVICE_REST_API_URL has no value")
        .contains("VDK_CONTROL_SERVICE_REST_API_URL")
        .doesNotContainIgnoringCase("job's config file");
    assertThat(result.err().strip()).doesNotContain("\n");
  }

  @Test
  void readsThePluginsKeysFromTheFileThatJobConfigNamesAsAJobDoes(@TempDir Path folder) throws Exception {
    answer(RUNNING);
    Path file = folder.resolve("etl.conf");
    Files.writeString(file, "control_service_rest_api_url = \"http://127.0.0.1:" + server.getPort() + "\"\n");

    InProcessCommand.Result result =
        command.run(Map.of("VDK_JOB_CONFIG", file.toString()), "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
  }

  @Test
  void anUnknownBackendCannotBeCheckedAndTheKeyIsNamed() {
    InProcessCommand.Result result =
        command.run(Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "zookeeper"), "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("EXECUTION_SKIP_CHECKER_BACKEND")
        .contains("one of control-service, local, postgres, postgres-lease");
  }

  @Test
  void theTokenIsNeverPrinted() {
    String token = "refresh-token-that-must-stay-secret";
    server.stubFor(post(urlPathEqualTo("/token"))
        .willReturn(aResponse().withStatus(400).withBody("{\"error\": \"invalid_grant " + token + "\"}")));
    Map<String, String> environment = new HashMap<>(environment());
    environment.put("VDK_API_TOKEN", token);
    environment.put("VDK_API_TOKEN_AUTHORIZATION_URL", "http://127.0.0.1:" + server.getPort() + "/token");

    InProcessCommand.Result result = command.run(environment, "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isNotEmpty();
    assertThat(result.out() + result.err()).doesNotContain(token);
  }

  @Test
  void aLongListShowsTheFirstTenListedAndCountsTheRest() throws Exception {
    answer(java.util.stream.IntStream.range(0, 25)
        .mapToObj(i -> "{\"id\": \"job-" + i + "\", \"status\": \"running\"}")
        .toArray(String[]::new));

    InProcessCommand.Result text = command.run(environment(), "check", "--team", TEAM, "--job", JOB);
    InProcessCommand.Result json = command.run(environment(), "check", "--team", TEAM, "--job", JOB, "--json");

    assertThat(text.exitCode()).isEqualTo(10);
    assertThat(text.out())
        .contains("Conflicting executions (10):")
        .contains("job-9 ")
        .doesNotContain("job-10 ")
        .contains("... and 15 more listed executions, not shown.");
    JsonNode object = new ObjectMapper().readTree(json.out());
    assertThat(object.get("executions")).hasSize(10);
    assertThat(object.get("executions_not_shown").asLong()).isEqualTo(15);
  }
}

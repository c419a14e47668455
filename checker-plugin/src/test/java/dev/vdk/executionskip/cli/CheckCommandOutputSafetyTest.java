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
import dev.vdk.executionskip.HostileText;
import dev.vdk.executionskip.SecretForms;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command prints is safe to print: outside values (execution ids and statuses, a lock
 * holder's details) on one line with control characters escaped, in text and in JSON, and no form
 * of a secret on stderr.
 */
class CheckCommandOutputSafetyTest {
  private static final String TEAM = "supercollider";
  private static final String JOB = "mzhivkov-test-job3";
  private static final String EXECUTIONS_PATH = "/data-jobs/for-team/" + TEAM + "/jobs/" + JOB + "/executions";
  private static final String API_TOKEN = "rt-S3cret \"q\"/+é&=1";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance().options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @TempDir Path lockDirectory;

  private final InProcessCommand command = new InProcessCommand();

  private Map<String, String> controlService() {
    return Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + server.getPort());
  }

  private void answerWithAHostileExecution() throws Exception {
    ObjectMapper json = new ObjectMapper();
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(
        "[{\"id\": " + json.writeValueAsString(HostileText.VALUE) + ", \"status\": "
            + json.writeValueAsString("running" + HostileText.VALUE) + ", \"started_by\": "
            + json.writeValueAsString(HostileText.VALUE) + ", \"start_time\": \"2021-09-24T14:14:03.922Z\"}]")));
  }

  @Test
  void theTextReportShowsHostileValuesEscaped() throws Exception {
    answerWithAHostileExecution();

    InProcessCommand.Result result = command.run(controlService(), "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
    HostileText.assertLinesShownHarmlessly(result.out(), "the report");
    assertThat(result.out()).contains("x\\r\\nexecution_skip_decision decision=run forged\\u001b[2J\\u009b31m\\u202eesrever");
  }

  @Test
  void theJsonReportIsOneLineOfValidJsonThatKeepsTheValuesExactly() throws Exception {
    answerWithAHostileExecution();

    InProcessCommand.Result result = command.run(controlService(), "check", "--team", TEAM, "--job", JOB, "--json");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
    assertThat(result.out()).endsWith("\n");
    HostileText.assertShownHarmlessly(result.out().substring(0, result.out().length() - 1), "the JSON report");
    JsonNode execution = new ObjectMapper().readTree(result.out()).get("executions").get(0);
    assertThat(execution.get("id").asText()).isEqualTo(HostileText.VALUE);
    assertThat(execution.get("started_by").asText()).isEqualTo(HostileText.VALUE);
  }

  @Test
  void aLockHoldersHostileIdsAreShownEscaped() throws Exception {
    ExecutionRequest holder =
        new ExecutionRequest("team-a", "job-a", "exec" + HostileText.VALUE, "exec" + HostileText.VALUE + "-abcde");
    Decision held = new LocalFileLockBackend(lockDirectory).tryAcquire(holder);
    try (Lease lease = held.lease()) {
      InProcessCommand.Result result = command.run(
          Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
              "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", lockDirectory.toString()),
          "check", "--team", "team-a", "--job", "job-a");

      assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
      HostileText.assertLinesShownHarmlessly(result.out(), "the report");
      assertThat(result.out()).contains("execx\\r\\nexecution_skip_decision");
    }
  }

  @Test
  void aTokenEndpointErrorReachesStderrAsItsOAuthCodeWithNoFormOfTheToken() {
    Map<String, String> forms = SecretForms.of(API_TOKEN);
    server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"" + forms.get("JSON-escaped")
            + " / " + forms.get("form-encoded") + " / " + forms.get("URL-encoded") + "\"}\n" + forms.get("raw"))));
    Map<String, String> environment = Map.of(
        "VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + server.getPort(),
        "VDK_API_TOKEN", API_TOKEN,
        "VDK_API_TOKEN_AUTHORIZATION_URL", "http://127.0.0.1:" + server.getPort() + "/oauth/token");

    InProcessCommand.Result result = command.run(environment, "check", "--team", TEAM, "--job", JOB);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("the token endpoint answered HTTP 400 invalid_grant").endsWith("\n");
    HostileText.assertShownHarmlessly(result.err().strip(), "stderr");
    SecretForms.assertAbsent(API_TOKEN, result.err(), "stderr");
  }
}

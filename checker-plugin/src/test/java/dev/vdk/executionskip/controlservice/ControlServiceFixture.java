package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vdk.api.DataJob;
import dev.vdk.api.Step;
import dev.vdk.executionskip.ExecutionSkipPlugin;
import dev.vdk.executionskip.FakeTime;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real Control Service stand-in: WireMock on a dynamic loopback port, fresh for every test, and
 * a client pointed at it whose waits are recorded instead of spent.
 */
abstract class ControlServiceFixture {

  static final String TEAM = "supercollider";
  static final String JOB = "mzhivkov-test-job3";
  static final String EXECUTIONS_PATH =
      "/data-jobs/for-team/" + TEAM + "/jobs/" + JOB + "/executions";

  /** The reference's full object, made spec-valid: the spec has no nullable strings. */
  static final String SPEC_VALID_EXECUTION =
      """
      {"id": "mzhivkov-test-job3-latest-1627583589244-9681d", "job_name": "mzhivkov-test-job3",
       "status": "running", "type": "manual", "start_time": "2021-09-24T14:14:03.922Z",
       "started_by": "manual/vdk-control-cli", "op_id": "e61d395859dc4c45",
       "deployment": {"deployed_by": "mzhivkov", "deployed_date": "2021-09-23T14:14:03.922Z",
         "enabled": true, "id": "release", "job_version": "b4d24a249709874ad8c8e43d93ed2824c6ed0292",
         "mode": "release",
         "resources": {"cpu_limit": 0.5, "cpu_request": 0.5, "memory_limit": 1000,
                       "memory_request": 1000},
         "schedule": {"schedule_cron": "*/5 * * * *"}, "vdk_version": ""}}""";

  /** The id of the execution in {@link #SPEC_VALID_EXECUTION}: another execution, to the job run here. */
  static final String OTHER_EXECUTION_ID = "mzhivkov-test-job3-latest-1627583589244-9681d";

  /** The attempt of the job run here; its own record's id is this less {@code -2sd5c}. */
  static final String OWN_ATTEMPT_ID = "mzhivkov-test-job3-latest-1627588257426-b1027-2sd5c";

  static final String OWN_EXECUTION =
      "{\"id\": \"mzhivkov-test-job3-latest-1627588257426-b1027\", \"job_name\": \"" + JOB + "\","
          + " \"status\": \"running\", \"type\": \"scheduled\","
          + " \"start_time\": \"2021-09-24T14:14:03.922Z\"}";

  protected final FakeTime time = new FakeTime();
  protected WireMockServer server;

  @BeforeEach
  void startServer() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Where {@link #stubTokenEndpoint} answers. */
  URI tokenUrl() {
    return URI.create(baseUrl() + "/oauth/token");
  }

  /** A token endpoint that hands out {@code accessToken}, valid for {@code expiresIn} seconds. */
  void stubTokenEndpoint(String accessToken, long expiresIn) {
    server.stubFor(post(urlPathEqualTo(tokenUrl().getPath())).willReturn(okJson(
        "{\"access_token\": \"" + accessToken + "\", \"token_type\": \"bearer\","
            + " \"expires_in\": " + expiresIn + "}")));
  }

  ControlServiceSettings settings() {
    return ControlServiceSettings.defaults(baseUrl());
  }

  ControlServiceClient client(ControlServiceSettings settings) {
    return client(settings, time);
  }

  ControlServiceClient client(ControlServiceSettings settings, Clock clock) {
    return new ControlServiceClient(settings, clock, time);
  }

  /**
   * The whole job, one step named {@code load}, with the plugin and its real backends, run as a
   * CLOUD execution against this fixture's WireMock. The clock is real, so deadlines are; retry
   * waits are recorded in {@link #time} and not spent.
   */
  JobTestKit job() {
    return jobWithoutUrl().withEnvironment("VDK_CONTROL_SERVICE_REST_API_URL", baseUrl().toString());
  }

  /** {@link #job()} with no {@code CONTROL_SERVICE_REST_API_URL}, for tests that set their own. */
  JobTestKit jobWithoutUrl() {
    return JobTestKit.forJob(
            new DataJob(
                List.of(Step.named("load", input -> {})),
                "job_name = " + JOB + "\nteam = " + TEAM,
                "job.conf"))
        .withPlugin(new ExecutionSkipPlugin(Clock.systemUTC(), time))
        .withEnvironment("VDK_LOG_CONFIG", "CLOUD")
        .withEnvironment("VDK_ATTEMPT_ID", OWN_ATTEMPT_ID);
  }

  /** The whole stack trace, causes included, as printed: where a leaked secret would show. */
  static String stackTrace(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  /**
   * The {@code status} of the run's termination message, which must be there and parse as JSON
   * with a {@code vdk_version}: monitoring reads it with a JSON parser, not a regex.
   */
  static String terminationStatus(JobRunReport report) {
    String message =
        report.terminationMessage().orElseThrow(() -> new AssertionError("No termination message was written."));
    try {
      JsonNode json = new ObjectMapper().readTree(message);
      if (!json.path("vdk_version").isTextual() || !json.path("status").isTextual()) {
        throw new AssertionError("The termination message lacks vdk_version or status: " + message);
      }
      return json.get("status").asText();
    } catch (IOException e) {
      throw new UncheckedIOException("The termination message is not JSON: " + message, e);
    }
  }
}

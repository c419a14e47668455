package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import dev.vdk.api.DataJob;
import dev.vdk.api.Step;
import dev.vdk.executionskip.ExecutionSkipPlugin;
import dev.vdk.executionskip.FakeTime;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stand-in Control Service of every test of this backend: WireMock on a free port of
 * 127.0.0.1, with clients, backends and whole job runs pointed at it, whose retry waits are
 * recorded in {@link #time()} instead of spent. Registered on a field, it serves each test afresh;
 * on a static field, one server serves the whole class and is reset before each test.
 *
 * <pre>{@code
 * @RegisterExtension final StandInControlService controlService = new StandInControlService();
 * @RegisterExtension static final StandInControlService tls = StandInControlService.https();
 * }</pre>
 */
final class StandInControlService
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

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

  private final UnaryOperator<WireMockConfiguration> configure;
  private final boolean https;
  private WireMockServer server;
  private FakeTime time = new FakeTime();
  private boolean oneForTheClass;

  /** Plain http. */
  StandInControlService() {
    this(options -> options.dynamicPort(), false);
  }

  private StandInControlService(UnaryOperator<WireMockConfiguration> configure, boolean https) {
    this.configure = configure;
    this.https = https;
  }

  /** Https only, with WireMock's self-signed certificate, which verification must refuse. */
  static StandInControlService https() {
    return new StandInControlService(options -> options.dynamicHttpsPort().httpDisabled(true), true);
  }

  /** Plain http, every answer sent chunked, with no Content-Length to go by. */
  static StandInControlService chunked() {
    return new StandInControlService(
        options -> options.dynamicPort().useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.ALWAYS),
        false);
  }

  /** Plain http, with WireMock extensions (response transformers) installed. */
  static StandInControlService withExtensions(Extension... extensions) {
    return new StandInControlService(options -> options.dynamicPort().extensions(extensions), false);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    oneForTheClass = true;
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    time = new FakeTime();
    if (server == null) {
      start();
    } else {
      server.resetAll();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!oneForTheClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void start() {
    server = new WireMockServer(configure.apply(options().bindAddress("127.0.0.1")));
    server.start();
  }

  private void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  WireMockServer server() {
    return server;
  }

  /** The retry waits of this test's clients and jobs, recorded, not spent; also their clock. */
  FakeTime time() {
    return time;
  }

  URI baseUrl() {
    return https
        ? URI.create("https://127.0.0.1:" + server.httpsPort())
        : URI.create("http://127.0.0.1:" + server.port());
  }

  /** Where {@link #stubTokenEndpoint} answers. */
  URI tokenUrl() {
    return URI.create(baseUrl() + "/oauth/token");
  }

  /** Answers every list of the executions of {@link #JOB} of {@link #TEAM} with {@code answer}. */
  void answerExecutions(ResponseDefinitionBuilder answer) {
    server.stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(answer));
  }

  /** A token endpoint that hands out {@code accessToken}, valid for {@code expiresIn} seconds. */
  void stubTokenEndpoint(String accessToken, long expiresIn) {
    server.stubFor(post(urlPathEqualTo(tokenUrl().getPath())).willReturn(okJson(
        "{\"access_token\": \"" + accessToken + "\", \"token_type\": \"bearer\","
            + " \"expires_in\": " + expiresIn + "}")));
  }

  /** The reference defaults, for this server, without a token. */
  ControlServiceSettings settings() {
    return ControlServiceSettings.defaults(baseUrl());
  }

  /** A client whose clock and waits are {@link #time()}. */
  ControlServiceClient client(ControlServiceSettings settings) {
    return client(settings, time);
  }

  ControlServiceClient client(ControlServiceSettings settings, Clock clock) {
    return new ControlServiceClient(settings, clock, time);
  }

  /**
   * The whole job, one step named {@code load}, with the plugin and its real backends, run as a
   * CLOUD execution against this server. The clock is real, so deadlines are; retry waits are
   * recorded in {@link #time()} and not spent.
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
    return validTerminationStatus(report)
        .orElseThrow(() -> new AssertionError("The termination message is not JSON with vdk_version and status: " + message));
  }

  /**
   * The {@code status} of the run's termination message, when there is one and it is a JSON object
   * with a {@code vdk_version} and a {@code status}, both strings; empty otherwise.
   */
  static Optional<String> validTerminationStatus(JobRunReport report) {
    if (report.terminationMessage().isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode json = new ObjectMapper().readTree(report.terminationMessage().get());
      return json.path("vdk_version").isTextual() && json.path("status").isTextual()
          ? Optional.of(json.get("status").asText())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.OTHER_EXECUTION_ID;
import static dev.vdk.executionskip.controlservice.StandInControlService.SPEC_VALID_EXECUTION;
import static dev.vdk.executionskip.controlservice.StandInControlService.validTerminationStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.testing.JobRunReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way the Control Service can fail, driven through the whole plugin (a job run through
 * JobTestKit) under each {@code EXECUTION_SKIP_ON_ERROR} policy: the outcome, the log line that
 * says why, the wall time against the check's deadline and the termination message. What was
 * measured is written to {@code target/fault-matrix.md}.
 *
 * <p>Retry waits are recorded, not spent, and the clock is real, so deadlines are real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  /** Slack for a loaded 2-core machine between the deadline passing and the run ending. */
  static final long SLACK_MILLIS = 3000;

  /** What a fault leads to: the check fails (the policy decides), or an answer is acted on. */
  enum Kind {
    ERROR,
    ANSWER_LISTS_ANOTHER
  }

  /**
   * @param deadlineSeconds the check's deadline: 2 s where the deadline is what is tested, more
   *     where a slow but finite exchange (17 MiB, TLS handshakes) must not be cut off by it on a
   *     loaded machine, or the row would test the deadline instead of its own fault
   * @param setUp stubs the fault and returns the Control Service URL to use
   * @param expectedInLog what the warning or error line names, for {@link Kind#ERROR}
   */
  record Fault(String name, Kind kind, int deadlineSeconds, String expectedInLog, Function<FaultMatrixTest, String> setUp) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One row of the table.
   *
   * @param terminationValid whether every run's termination message was valid JSON with a {@code
   *     vdk_version} and the status the run ended with
   */
  record Measured(String fault, Map<String, String> outcomes, long slowestMillis, long deadlineMillis, boolean terminationValid) {}

  /** An untrusted certificate: WireMock's own, self-signed. */
  @RegisterExtension static final StandInControlService https = StandInControlService.https();

  private final Map<String, Measured> table = new LinkedHashMap<>();
  private int refusingPort;

  @BeforeAll
  void findAPortThatRefuses() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refusingPort = socket.getLocalPort();
    }
  }

  @AfterAll
  void writeTheTable() throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("| fault | proceed | skip | fail | slowest wall time ms | deadline ms | termination message valid |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (Measured row : table.values()) {
      md.append("| ").append(row.fault())
          .append(" | ").append(row.outcomes().get("proceed"))
          .append(" | ").append(row.outcomes().get("skip"))
          .append(" | ").append(row.outcomes().get("fail"))
          .append(" | ").append(row.slowestMillis())
          .append(" | ").append(row.deadlineMillis())
          .append(" | ").append(row.terminationValid() ? "yes" : "no")
          .append(" |\n");
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "fault-matrix.md"), md, StandardCharsets.UTF_8);
  }

  static Stream<Fault> faults() {
    return Stream.of(
        new Fault("connection refused", Kind.ERROR, 2, "Connection refused",
            t -> "http://127.0.0.1:" + t.refusingPort),
        new Fault("unknown host", Kind.ERROR, 2, "control.invalid", t -> {
          // Without the test hosts file this would be a real DNS query: refuse rather than send it.
          assertThat(System.getProperty("jdk.net.hosts.file"))
              .as("jdk.net.hosts.file, which keeps name lookups off the network").isNotBlank();
          return "http://control.invalid/";
        }),
        new Fault("never answers", Kind.ERROR, 2, "2000 ms",
            t -> t.answer(okJson("[]").withFixedDelay(60_000))),
        new Fault("slow answer inside the deadline", Kind.ANSWER_LISTS_ANOTHER, 5, null,
            t -> t.answer(okJson("[" + SPEC_VALID_EXECUTION + "]").withFixedDelay(500))),
        new Fault("500 every time", Kind.ERROR, 2, "HTTP 500",
            t -> t.answer(aResponse().withStatus(500).withBody("internal error"))),
        new Fault("503 then an answer", Kind.ANSWER_LISTS_ANOTHER, 2, null, FaultMatrixTest::unavailableOnce),
        new Fault("401", Kind.ERROR, 2, "HTTP 401", t -> t.answer(aResponse().withStatus(401).withBody("unauthorized"))),
        new Fault("403", Kind.ERROR, 2, "HTTP 403", t -> t.answer(aResponse().withStatus(403).withBody("forbidden"))),
        new Fault("404", Kind.ERROR, 2, "HTTP 404", t -> t.answer(aResponse().withStatus(404).withBody("no such job"))),
        new Fault("malformed JSON", Kind.ERROR, 2, "is not the JSON expected",
            t -> t.answer(okJson("[{\"id\": \"a\", "))),
        new Fault("HTML page", Kind.ERROR, 2, "Content-Type text/html",
            t -> t.answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>Sign in</h1></body></html>"))),
        new Fault("empty body", Kind.ERROR, 2, "empty body",
            t -> t.answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json"))),
        new Fault("oversized, Content-Length 17 MiB", Kind.ERROR, 2, "announces 17825792 bytes",
            t -> t.answer(okJson("[]").withHeader("Content-Length", String.valueOf(17L << 20)))),
        // The answer is parsed as it comes, so reaching the cap costs parsing 16 MiB of tiny
        // executions: well under a second warm, several seconds cold on a loaded 2-core machine.
        new Fault("oversized, chunked 17 MiB", Kind.ERROR, 10, "goes on past the cap",
            t -> t.answer(okJson(OversizedBody.TEXT).withChunkedDribbleDelay(4, 20))),
        new Fault("TLS, untrusted certificate", Kind.ERROR, 5, "PKIX", t -> {
          https.server().stubFor(get(anyUrl()).willReturn(okJson("[" + SPEC_VALID_EXECUTION + "]")));
          return https.baseUrl().toString();
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void eachPolicyEndsTheRunAsItSaysWithinTheDeadline(Fault fault) {
    Map<String, JobRunReport> reports = new LinkedHashMap<>();
    Map<String, String> outcomes = new LinkedHashMap<>();
    long slowest = 0;
    boolean terminationValid = true;
    for (String policy : new String[] {"proceed", "skip", "fail"}) {
      controlService.server().resetAll();
      String url = fault.setUp().apply(this);
      long start = System.nanoTime();
      JobRunReport report =
          controlService.jobWithoutUrl()
              .withEnvironment("VDK_CONTROL_SERVICE_REST_API_URL", url)
              .withEnvironment("VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", String.valueOf(fault.deadlineSeconds()))
              .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", policy)
              .run();
      slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
      ExecutionStatus expected = expectedStatus(fault.kind(), policy);
      reports.put(policy, report);
      outcomes.put(policy, describe(report.status(), fault.kind()));
      terminationValid &= validTerminationStatus(report).filter(expected.text()::equals).isPresent();
    }
    // The row is written first, so that the table shows a failed row as it was measured.
    table.put(fault.name(), new Measured(fault.name(), outcomes, slowest, fault.deadlineSeconds() * 1000L, terminationValid));

    for (Map.Entry<String, JobRunReport> run : reports.entrySet()) {
      String policy = run.getKey();
      JobRunReport report = run.getValue();
      ExecutionStatus expected = expectedStatus(fault.kind(), policy);
      assertThat(report.status()).as("%s under %s", fault, policy).isEqualTo(expected);
      assertThat(report.stepsRun()).as("steps run").isEqualTo(expected == ExecutionStatus.SUCCESS ? List.of("load") : List.of());
      assertThat(validTerminationStatus(report)).as("the termination message's status").contains(expected.text());
      assertThat(report.logLines()).as("the line that says why").anySatisfy(line -> assertWhy(line, fault, policy));
      if (fault.kind() == Kind.ERROR && policy.equals("proceed")) {
        assertThat(report.logLinesContaining("WARNING")).as("the line that says the job runs anyway")
            .anySatisfy(line -> assertThat(line).contains("Proceeding with the execution despite the check failure"));
      }
    }
    assertThat(slowest).as("slowest wall time of %s, ms", fault).isLessThan(fault.deadlineSeconds() * 1000L + SLACK_MILLIS);
    assertThat(terminationValid).as("every termination message valid").isTrue();
  }

  private static ExecutionStatus expectedStatus(Kind kind, String policy) {
    if (kind == Kind.ANSWER_LISTS_ANOTHER) {
      return ExecutionStatus.SKIPPED;
    }
    return switch (policy) {
      case "proceed" -> ExecutionStatus.SUCCESS;
      case "skip" -> ExecutionStatus.SKIPPED;
      default -> ExecutionStatus.PLATFORM_ERROR;
    };
  }

  private static void assertWhy(String line, Fault fault, String policy) {
    if (fault.kind() == Kind.ANSWER_LISTS_ANOTHER) {
      assertThat(line).startsWith("INFO").contains("Skipping job " + JOB, "id " + OTHER_EXECUTION_ID);
      return;
    }
    assertThat(line)
        .startsWith(policy.equals("fail") ? "SEVERE" : "WARNING")
        .contains("Error while checking for concurrent executions of job " + JOB, fault.expectedInLog());
    switch (policy) {
      case "skip" -> assertThat(line).contains("Skipping the execution, as EXECUTION_SKIP_ON_ERROR=skip asks.");
      case "fail" -> assertThat(line).contains("Failing the execution, as EXECUTION_SKIP_ON_ERROR=fail asks.");
      default -> { } // proceed: the next line says so, checked by the caller
    }
  }

  private static String describe(ExecutionStatus status, Kind kind) {
    String word = switch (status) {
      case SUCCESS -> "ran";
      case SKIPPED -> "skipped";
      default -> "failed";
    };
    String how = kind == Kind.ANSWER_LISTS_ANOTHER ? ", answer lists another" : "";
    return word + " (" + status.text() + how + ")";
  }

  private String answer(ResponseDefinitionBuilder response) {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(response));
    return controlService.baseUrl().toString();
  }

  private String unavailableOnce() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).inScenario("flaky")
        .whenScenarioStateIs("up").willReturn(okJson("[" + SPEC_VALID_EXECUTION + "]")));
    return controlService.baseUrl().toString();
  }

  /**
   * A valid JSON list of 17 MiB, one MiB over the cap, made once and only if the row that needs it
   * runs (a holder class): WireMock needs the whole body to dribble it out in chunks.
   */
  private static final class OversizedBody {
    static final String TEXT = "[" + "{\"id\": \"x\"},".repeat((17 << 20) / 12) + "{\"id\": \"x\"}]";
  }
}

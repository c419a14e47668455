package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference's own unit cases (reference-behaviour.md), row by row. The full-object row goes
 * through the real client, decoded from JSON with its nulls, which the OpenAPI description does not
 * allow: so this class checks no conformance (the conformance tests use a spec-valid copy).
 */
class ReferenceDecisionTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  private static final String OTHER = "mzhivkov-test-job3-latest-1627588257426-b1027";
  private static final String OURS = "mzhivkov-test-job3-latest-1627583589244-9681d";

  static Stream<Arguments> referenceRows() {
    return Stream.of(
        Arguments.of(List.of(), "test_id", false),
        Arguments.of(List.of("different_id_string"), "test_id", true),
        Arguments.of(List.of(OTHER), OURS + "-tkr4l", true),
        Arguments.of(List.of("test_id"), "test_id", false),
        Arguments.of(List.of(OTHER), OTHER + "-2sd5c", false),
        Arguments.of(List.of("different_id_string", "different_id_string"), "test_id", true),
        Arguments.of(List.of(OTHER, OTHER), OURS + "-tkr4l", true),
        Arguments.of(List.of("different_id_string", "test_id"), "test_id", true),
        Arguments.of(List.of(OTHER, OURS), OTHER + "-2sd5c", true));
  }

  @ParameterizedTest(name = "ids {0}, attempt {1}: another running = {2}")
  @MethodSource("referenceRows")
  void decidesEachReferenceRowAsTheReferenceDoes(
      List<String> ids, String attemptId, boolean anotherRunning) {
    List<DataJobExecution> executions = ids.stream().map(DataJobExecution::withId).toList();

    assertThat(ConcurrentExecutionChecker.anotherExecutionRunning(executions, attemptId))
        .isEqualTo(anotherRunning);
  }

  @ParameterizedTest(name = "ids {0}, attempt {1}: another running = {2}")
  @MethodSource("referenceRows")
  void answersEachReferenceRowThroughTheRealClient(
      List<String> ids, String attemptId, boolean anotherRunning) {
    String body =
        ids.stream().map(id -> "{\"id\": \"" + id + "\"}").toList().toString();
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(body)));

    boolean running =
        new ConcurrentExecutionChecker(controlService.client(controlService.settings()))
            .isJobExecutionRunning(JOB, TEAM, attemptId);

    assertThat(running).isEqualTo(anotherRunning);
    OpenApiConformance.assertConforms(controlService.server(), OpenApiConformance.Security.NOT_CONFIGURED);
  }

  @Test
  void decodesTheReferenceFullObjectWithItsNullsAndFindsItsOwnRecord() {
    controlService.server().stubFor(
        get(urlPathEqualTo(EXECUTIONS_PATH))
            .willReturn(
                okJson(
                    """
                    [{"id": "mzhivkov-test-job3-latest-1627583589244-9681d",
                      "job_name": "mzhivkov-test-job3", "status": "running", "type": "manual",
                      "start_time": "2021-09-24T14:14:03.922Z", "end_time": null,
                      "started_by": "manual/vdk-control-cli", "logs_url": null,
                      "op_id": "e61d395859dc4c45",
                      "deployment": {"deployed_by": "mzhivkov",
                        "deployed_date": "2021-09-23T14:14:03.922Z", "enabled": true,
                        "id": "release", "job_version": "b4d24a249709874ad8c8e43d93ed2824c6ed0292",
                        "mode": "release",
                        "resources": {"cpu_limit": 0.5, "cpu_request": 0.5,
                          "memory_limit": 1000, "memory_request": 1000},
                        "schedule": {"schedule_cron": "*/5 * * * *"}, "vdk_version": ""}}]""")));

    ActiveExecutions executions = controlService.client(controlService.settings()).activeExecutions(TEAM, JOB);

    assertThat(executions.firstListed())
        .containsExactly(
            new DataJobExecution(OURS, "running", "2021-09-24T14:14:03.922Z", "manual/vdk-control-cli"));
    assertThat(executions.firstConflict(OwnRecord.ofAttempt(OURS + "-tkr4l"))).isEmpty();
  }

  @Test
  void ignoresUnknownFieldsAndUnknownEnumValues() {
    controlService.server().stubFor(
        get(urlPathEqualTo(EXECUTIONS_PATH))
            .willReturn(okJson("[{\"id\": \"x\", \"status\": \"paused\", \"new_field\": [1]}]")));

    List<DataJobExecution> executions = controlService.client(controlService.settings()).activeExecutions(TEAM, JOB).firstListed();

    assertThat(executions).extracting(DataJobExecution::id, DataJobExecution::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("x", "paused"));
  }

  @Test
  void reportsTheFirstConflictingExecutionSoItsIdCanBeLogged() {
    List<DataJobExecution> executions =
        Arrays.asList(DataJobExecution.withId("test_id"), DataJobExecution.withId("other"));

    assertThat(ConcurrentExecutionChecker.firstConflict(executions, "test_id-abcde"))
        .map(DataJobExecution::id)
        .contains("other");
  }
}

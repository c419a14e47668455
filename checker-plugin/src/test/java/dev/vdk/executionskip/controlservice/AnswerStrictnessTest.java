package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.OWN_EXECUTION;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import dev.vdk.testing.JobRunReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fields a decision reads are read strictly: {@code id} always, {@code start_time} with
 * oldest-wins. Every other field is ignored whatever its type, so an odd field next to a running
 * execution can never turn "another execution is running" into a failed check (which, by default,
 * runs the job).
 */
class AnswerStrictnessTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  private static final String OTHER = "job-a-1700000000-other";
  private static final ExecutionRequest ME = new ExecutionRequest(TEAM, JOB, "job-a-1700000001", "job-a-1700000001-abcde");

  private void answerWithOneExecutionHaving(String field, String json) {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(
        "[{\"id\": \"" + OTHER + "\", \"status\": \"running\", \"start_time\": \"2023-11-14T22:13:20Z\", \""
            + field + "\": " + json + "}]")));
  }

  private void answer(String body) {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(body)));
  }

  private ControlServiceBackend backend(boolean oldestWins) {
    return new ControlServiceBackend(controlService.client(controlService.settings()), oldestWins);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "deployment     | `\"release\"`",
      "deployment     | `[1, 2]`",
      "deployment     | `{\"schedule\": \"*/5 * * * *\"}`",
      "deployment     | `{\"schedule\": {\"schedule_cron\": 5}}`",
      "deployment     | `{\"resources\": [0.5, 1000]}`",
      "deployment     | `{\"resources\": {\"cpu_limit\": \"half\", \"memory_limit\": {\"gib\": 1}}}`",
      "deployment     | `{\"enabled\": \"yes\", \"deployed_date\": 1632492843, \"id\": [\"release\"]}`",
      "message        | `{\"text\": \"queued\"}`",
      "message        | `[\"queued\", 1]`",
      "started_by     | `{\"user\": \"scheduler\"}`",
      "end_time       | `{}`",
      "logs_url       | `false`",
      "job_name       | `[]`",
      "op_id          | `{\"a\": [[[null]]]}`",
      "new_field      | `{\"nested\": {\"deeper\": [1, \"two\", {\"three\": 3.0}]}}`",
  })
  void aFieldNoDecisionReadsIsIgnoredWhateverItsTypeAndTheRunningExecutionIsStillSeen(String field, String json)
      throws Exception {
    answerWithOneExecutionHaving(field, json);

    for (boolean oldestWins : new boolean[] {false, true}) {
      Decision decision = backend(oldestWins).tryAcquire(ME);

      assertThat(decision.verdict()).as("oldest-wins %s", oldestWins).isEqualTo(Verdict.SKIP);
      assertThat(decision.conflictingExecutionId()).contains(OTHER);
    }
  }

  @Test
  void withTheDefaultPolicyAnOddDeploymentNextToARunningExecutionSkipsTheJobInsteadOfRunningIt() {
    answerWithOneExecutionHaving("deployment", "{\"resources\": \"unlimited\", \"schedule\": [\"hourly\"]}");

    JobRunReport report = controlService.job().run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(report.stepsRun()).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "id         | `5`               | a number",
      "id         | `true`            | a boolean",
      "id         | `{\"v\": \"x\"}`  | an object",
      "id         | `[\"x\"]`         | an array",
      "id         | `null`            | null",
  })
  void anIdOfAnotherTypeIsAMalformedAnswerAndTheCheckFailsWhateverTheDecision(String field, String json, String found) {
    Map<String, String> second = new LinkedHashMap<>(Map.of("id", "\"job-a-2\"", "status", "\"running\""));
    second.put(field, json);
    answer("[{\"id\": \"" + OTHER + "\", \"status\": \"running\"}, {"
        + second.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(Collectors.joining(", "))
        + "}]");

    for (boolean oldestWins : new boolean[] {false, true}) {
      assertThatThrownBy(() -> backend(oldestWins).tryAcquire(ME))
          .as("oldest-wins %s", oldestWins)
          .isInstanceOf(ControlServiceException.class)
          .hasMessageContaining("not the JSON expected")
          .hasMessageContaining("execution 2 has \"" + field + "\" as " + found + ", where a string is expected");
    }
  }

  /**
   * No decision reads {@code status}: the query asks for submitted and running executions only, so
   * every execution listed is in the way whatever its status says. It is only shown.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "\"status\": 1",
      "\"status\": false",
      "\"status\": {}",
      "\"status\": [\"running\"]",
      "\"status\": {\"phase\": \"running\"}",
      "\"status\": null",
      "\"status\": \"running\", \"status\": \"submitted\"",
      "\"status\": \"done\"",
  })
  void aStatusOfAnyTypeOrRepeatedIsIgnoredAndTheRunningExecutionIsStillSeen(String status) throws Exception {
    answer("[{\"id\": \"" + OTHER + "\", " + status + ", \"start_time\": \"2023-11-14T22:13:20Z\"}]");

    for (boolean oldestWins : new boolean[] {false, true}) {
      Decision decision = backend(oldestWins).tryAcquire(ME);

      assertThat(decision.verdict()).as("oldest-wins %s", oldestWins).isEqualTo(Verdict.SKIP);
      assertThat(decision.conflictingExecutionId()).contains(OTHER);
    }
  }

  /** Start times that say nothing readable about when an execution started. */
  private static final String[] UNREADABLE_START_TIMES = {
      "\"start_time\": 1632492843",
      "\"start_time\": {}",
      "\"start_time\": [2021, 9, 24]",
      "\"start_time\": true",
      "\"start_time\": null",
      "\"start_time\": \"yesterday\"",
      "\"start_time\": \"2021-09-24 14:00:00\"",
      "\"start_time\": \"\"",
      "\"start_time\": \"2023-11-14T22:13:21Z\", \"start_time\": \"2023-11-14T22:13:22Z\"",
      "\"message\": \"no start_time at all\"",
  };

  static String[] unreadableStartTimes() {
    return UNREADABLE_START_TIMES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableStartTimes")
  void withoutOldestWinsAStartTimeInAnyFormIsIgnoredAndTheRunningExecutionIsStillSeen(String startTime)
      throws Exception {
    answer("[{\"id\": \"" + OTHER + "\", \"status\": \"running\", " + startTime + "}]");

    Decision decision = backend(false).tryAcquire(ME);

    assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(decision.conflictingExecutionId()).contains(OTHER);
  }

  /**
   * Oldest-wins reads {@code start_time}. One it cannot read cannot show that the other execution
   * started after this one, so that execution is in the way: the run skips, whatever the error
   * policy, instead of running beside it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableStartTimes")
  void withOldestWinsAnotherExecutionWhoseStartTimeCannotBeReadIsInTheWayThoughTheRunsOwnRecordIsOlder(
      String startTime) throws Exception {
    answer("[{\"id\": \"" + ME.executionId() + "\", \"status\": \"running\", \"start_time\": \"2023-11-14T22:13:20Z\"},"
        + " {\"id\": \"" + OTHER + "\", \"status\": \"running\", " + startTime + "}]");

    Decision decision = backend(true).tryAcquire(ME);

    assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(decision.conflictingExecutionId()).contains(OTHER);
    assertThat(decision.reason()).contains(OTHER, "start_time");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "\"start_time\": 1632492843",
      "\"start_time\": \"2021-09-24 14:00:00\"",
      "\"status\": {\"phase\": \"running\"}",
      "\"status\": \"running\", \"status\": \"running\"",
  })
  void withTheDefaultPolicyAnOddStatusOrStartTimeNextToARunningExecutionSkipsTheJob(String odd) {
    answer("[" + OWN_EXECUTION + ", {\"id\": \"" + OTHER + "\", \"status\": \"running\", " + odd + "}]");

    for (String oldestWins : new String[] {"false", "true"}) {
      JobRunReport report = controlService.job().withEnvironment("VDK_EXECUTION_SKIP_OLDEST_WINS", oldestWins).run();

      assertThat(report.status()).as("oldest-wins %s", oldestWins).isEqualTo(ExecutionStatus.SKIPPED);
      assertThat(report.stepsRun()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "`[{\"status\": \"running\"}]`                                  | execution 1 has no \"id\"",
      "`[{\"id\": \"a\", \"status\": \"running\", \"id\": \"b\"}]` | execution 1 has \"id\" twice",
      "`[{\"id\": \"a\"}, \"b\"]`                                      | execution 2 is a string, where an object is expected",
      "`{\"id\": \"a\"}`                                                 | the answer is an object, where a list of executions is expected",
      "`[{\"id\": \"a\"}] []`                                            | more JSON follows the list of executions",
  })
  void aListThatIsNotAsADecisionReadsItIsAMalformedAnswerSayingWhatIsWrong(String body, String what) {
    answer(body);

    assertThatThrownBy(() -> backend(false).tryAcquire(ME))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("not the JSON expected (" + what);
  }

  @Test
  void aNullElementIsNoExecution() throws Exception {
    answer("[null, {\"id\": \"" + OTHER + "\"}]");

    assertThat(backend(false).tryAcquire(ME).conflictingExecutionId()).contains(OTHER);
  }

  @Test
  void anIgnoredStringOfAMillionCharactersIsSkippedUnread() throws Exception {
    answerWithOneExecutionHaving("message", "\"" + "m".repeat(1_000_000) + "\"");

    assertThat(backend(false).tryAcquire(ME).conflictingExecutionId()).contains(OTHER);
  }

  @Test
  void anIdLongerThanAnyRealOneIsAMalformedAnswer() {
    answer("[{\"id\": \"" + "x".repeat(100_000) + "\"}]");

    assertThatThrownBy(() -> backend(false).tryAcquire(ME))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("longer than");
  }

  @Test
  void nestingDeeperThanTheLimitIsAMalformedAnswerEvenInAnIgnoredField() {
    answerWithOneExecutionHaving("new_field", "[".repeat(100) + "]".repeat(100));

    assertThatThrownBy(() -> backend(false).tryAcquire(ME))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("nested deeper than");
  }
}

package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The backend skips as the reference does, and with oldest-wins lets the oldest one run. */
class ControlServiceBackendTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  private static final ExecutionRequest ME =
      new ExecutionRequest(TEAM, JOB, "job-200", "job-200-abcde");

  private static DataJobExecution started(String id, String startTime) {
    return new DataJobExecution(id, "running", startTime, null);
  }

  private ControlServiceBackend backend(boolean oldestWins) {
    return new ControlServiceBackend(controlService.client(controlService.settings()), oldestWins);
  }

  @Test
  void isNamedControlService() {
    assertThat(backend(false).name()).isEqualTo("control-service");
  }

  @Test
  void skipsNamingTheOtherExecutionWhenTheControlServiceListsOne() throws Exception {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH))
        .willReturn(okJson("[{\"id\": \"job-200\"}, {\"id\": \"job-100\", \"status\": \"running\"}]")));

    Decision decision = backend(false).tryAcquire(ME);

    assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(decision.conflictingExecutionId()).contains("job-100");
    assertThat(decision.reason()).contains("job-100", JOB, TEAM, "job-200-abcde");
  }

  @Test
  void aVeryLongIdFromTheControlServiceIsShortenedWhereverTheDecisionQuotesIt() {
    String id = "a.".repeat(32 * 1024);

    Decision decision = backend(false).decide(List.of(DataJobExecution.withId(id)), ME);

    String shortened = id.substring(0, 256) + "...(" + (id.length() - 256) + " more characters)";
    assertThat(decision.conflictingExecutionId()).contains(shortened);
    assertThat(decision.reason()).contains("Execution " + shortened + " of job").hasSizeLessThan(1024);
  }

  @Test
  void runsWithoutALeaseWhenOnlyItsOwnRecordIsListed() throws Exception {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[{\"id\": \"job-200\"}]")));

    Decision decision = backend(false).tryAcquire(ME);

    assertThat(decision.runs()).isTrue();
    assertThat(decision.lease()).isSameAs(Lease.NONE);
  }

  @Test
  void oldestWinsRunsTheOldestOfExecutionsThatStartedTogether() {
    List<DataJobExecution> both =
        List.of(started("job-100", "2021-09-24T14:14:05Z"), started("job-200", "2021-09-24T14:14:03Z"));

    assertThat(backend(false).decide(both, ME).verdict()).isEqualTo(Verdict.SKIP);
    assertThat(backend(true).decide(both, ME).runs()).isTrue();
  }

  @Test
  void oldestWinsSkipsNamingTheOlderExecution() {
    List<DataJobExecution> both =
        List.of(started("job-200", "2021-09-24T14:14:05Z"), started("job-100", "2021-09-24T14:14:03Z"));

    Decision decision = backend(true).decide(both, ME);

    assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(decision.conflictingExecutionId()).contains("job-100");
  }

  @Test
  void oldestWinsComparesInstantsNotTheTextOfTimesInOtherZones() {
    List<DataJobExecution> both =
        List.of(started("job-200", "2021-09-24T16:14:03+02:00"), started("job-100", "2021-09-24T14:14:04Z"));

    assertThat(backend(true).decide(both, ME).runs()).isTrue();
  }

  @Test
  void oldestWinsBreaksATieOnStartTimeByTheSmallerId() {
    List<DataJobExecution> tie =
        List.of(started("job-200", "2021-09-24T14:14:03Z"), started("job-100", "2021-09-24T14:14:03Z"));

    assertThat(backend(true).decide(tie, ME).conflictingExecutionId()).contains("job-100");
  }

  @Test
  void oldestWinsTakesAnotherExecutionWithoutAReadableStartTimeToBeInTheWay() {
    // Its own record is the oldest readable one, yet job-100 and job-050 may have started earlier.
    List<DataJobExecution> executions =
        List.of(started("job-200", "2021-09-24T14:14:03Z"), started("job-100", null),
            started("job-050", "not a time"));

    Decision decision = backend(true).decide(executions, ME);

    assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(decision.conflictingExecutionId()).contains("job-100");
    assertThat(decision.reason()).contains("job-100", "no start_time that can be read", "job-200-abcde");
  }

  @Test
  void oldestWinsFindsAnUnreadableStartTimeBehindAnyNumberOfTheRunsOwnRecords() {
    List<DataJobExecution> executions = new java.util.ArrayList<>();
    executions.add(started("job-200", "2021-09-24T14:14:03Z"));
    for (int i = 0; i < 20; i++) {
      executions.add(started("job-200", i % 2 == 0 ? null : "yesterday"));
    }
    executions.add(started("job-300", "2021-09-24 14:14:09"));

    assertThat(backend(true).decide(executions, ME).conflictingExecutionId()).contains("job-300");
  }

  @Test
  void oldestWinsSkipsForAnyOtherExecutionWhenItsOwnStartTimeCannotBeRead() {
    List<DataJobExecution> executions =
        List.of(started("job-200", "not a time"), started("job-300", "2021-09-24T14:14:09Z"));

    Decision decision = backend(true).decide(executions, ME);

    assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(decision.conflictingExecutionId()).contains("job-300");
    assertThat(backend(true).decide(List.of(started("job-200", null)), ME).runs()).isTrue();
  }

  @Test
  void oldestWinsWithoutItsOwnRecordDecidesAsTheReference() {
    List<DataJobExecution> others = List.of(started("job-300", "2021-09-24T14:14:09Z"));

    Decision decision = backend(true).decide(others, ME);

    assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(decision.conflictingExecutionId()).contains("job-300");
    assertThat(backend(true).decide(List.of(), ME).runs()).isTrue();
  }
}

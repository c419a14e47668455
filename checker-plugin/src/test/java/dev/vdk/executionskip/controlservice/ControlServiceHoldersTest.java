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
import dev.vdk.executionskip.backend.Holder;
import dev.vdk.executionskip.backend.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backend's decision names the executions the Control Service listed that are not the run's
 * own: the first few listed, the one in the way first, each as the answer describes it; and it
 * counts those it leaves out. The operator command shows exactly these.
 */
class ControlServiceHoldersTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  private static final ExecutionRequest ME = new ExecutionRequest(TEAM, JOB, "job-200", "job-200-abcde");

  private ControlServiceBackend backend(boolean oldestWins) {
    return new ControlServiceBackend(controlService.client(controlService.settings()), oldestWins);
  }

  private static DataJobExecution started(String id, String startTime) {
    return new DataJobExecution(id, "running", startTime, null);
  }

  private static Holder holder(String id, String status, String since, String where) {
    return new Holder(Optional.of(id), Optional.ofNullable(status), Optional.ofNullable(since), Optional.ofNullable(where));
  }

  private static Holder holder(DataJobExecution execution) {
    return holder(execution.id(), execution.status(), execution.startTime(), execution.startedBy());
  }

  private void answer(String executions) {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson(executions)));
  }

  private static final String LISTED =
      """
      [{"id": "job-300", "status": "running", "start_time": "2021-09-24T14:14:09Z", "started_by": "manual/vdk-control-cli"},
       {"id": "job-200", "status": "running", "start_time": "2021-09-24T14:14:05Z", "started_by": "scheduled/runtime"},
       {"id": "job-100", "status": "submitted", "start_time": "2021-09-24T14:14:03Z", "started_by": "scheduled/runtime"}]""";

  private static final Holder JOB_300 =
      holder("job-300", "running", "2021-09-24T14:14:09Z", "manual/vdk-control-cli");
  private static final Holder JOB_100 =
      holder("job-100", "submitted", "2021-09-24T14:14:03Z", "scheduled/runtime");

  @Test
  void aSkipNamesEveryOtherListedExecutionInTheOrderListedLeavingOutTheRunsOwn() throws Exception {
    answer(LISTED);

    Decision decision = backend(false).tryAcquire(ME);

    assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(decision.holders()).containsExactly(JOB_300, JOB_100);
    assertThat(decision.notNamed()).isZero();
  }

  @Test
  void whenTheOldestWinsTheOneInTheWayIsNamedFirstWhereverItIsListed() throws Exception {
    answer(LISTED);

    Decision decision = backend(true).tryAcquire(ME);

    assertThat(decision.conflictingExecutionId()).contains("job-100");
    assertThat(decision.holders()).containsExactly(JOB_100, JOB_300);
    assertThat(decision.notNamed()).isZero();
  }

  @Test
  void aRunThatIsTheOldestNamesTheYoungerExecutionsThatDidNotStopIt() {
    List<DataJobExecution> listed =
        List.of(started("job-300", "2021-09-24T14:14:09Z"), started("job-200", "2021-09-24T14:14:03Z"),
            started("job-400", "2021-09-24T14:14:04Z"));

    Decision decision = backend(true).decide(listed, ME);

    assertThat(decision.runs()).isTrue();
    assertThat(decision.holders()).containsExactly(holder(listed.get(0)), holder(listed.get(2)));
    assertThat(decision.notNamed()).isZero();
  }

  @Test
  void aRunWithOnlyItsOwnRecordListedNamesNone() {
    Decision decision = backend(false).decide(List.of(started("job-200", null)), ME);

    assertThat(decision.runs()).isTrue();
    assertThat(decision.holders()).isEmpty();
    assertThat(decision.notNamed()).isZero();
  }

  @Test
  void aLongListIsNamedOnlyAmongTheFirstTenListedAndTheRestIsCounted() {
    List<DataJobExecution> listed = new ArrayList<>();
    listed.add(started("job-200", null));
    for (int i = 0; i < 24; i++) {
      listed.add(new DataJobExecution("job-" + i, "running", null, "scheduled/runtime"));
    }

    Decision decision = backend(false).decide(listed, ME);

    // The run's own record is one of the first ten listed: nine are named, fifteen counted.
    assertThat(decision.holders()).containsExactlyElementsOf(listed.subList(1, 10).stream().map(ControlServiceHoldersTest::holder).toList());
    assertThat(decision.notNamed()).isEqualTo(15);
  }

  @Test
  void anExecutionInTheWayListedAfterTheFirstTenIsNamedFirstByItsIdAlone() {
    List<DataJobExecution> listed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      listed.add(started("job-3" + (10 + i), "2021-09-24T14:14:09Z"));
    }
    listed.add(started("job-100", "2021-09-24T14:14:03Z"));

    Decision decision = backend(true).decide(listed, ME);

    assertThat(decision.conflictingExecutionId()).contains("job-100");
    List<Holder> expected = new ArrayList<>();
    expected.add(new Holder(Optional.of("job-100"), Optional.empty(), Optional.empty(), Optional.empty()));
    listed.subList(0, 10).forEach(execution -> expected.add(holder(execution)));
    assertThat(decision.holders()).containsExactlyElementsOf(expected);
    assertThat(decision.notNamed()).isEqualTo(3);
  }

  @Test
  void theOneInTheWayIsNamedWithItsIdShortenedAsTheReasonQuotesIt() {
    String id = "a.".repeat(32 * 1024);

    Decision decision = backend(false).decide(List.of(DataJobExecution.withId(id)), ME);

    String shortened = id.substring(0, 256) + "...(" + (id.length() - 256) + " more characters)";
    assertThat(decision.holders()).first().satisfies(holder -> assertThat(holder.id()).contains(shortened));
  }
}

package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.executionskip.backend.ExecutionRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An execution is the run's own record only when its id is the run's execution id, or the attempt
 * id is that id plus {@code -} and the attempt's suffix; a mere string prefix is not enough.
 */
class OwnRecordMatchingTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  private static final ExecutionRequest X_12 = new ExecutionRequest(TEAM, JOB, "x-12", "x-12-abcde");

  private ControlServiceBackend backend() {
    return new ControlServiceBackend(controlService.client(controlService.settings()), false);
  }

  @Test
  void anExecutionWhoseIdIsOnlyAPrefixOfTheAttemptIsAnotherExecution() {
    assertThat(ConcurrentExecutionChecker.anotherExecutionRunning(
            List.of(DataJobExecution.withId("x-1")), "x-12-abcde"))
        .isTrue();
    assertThat(backend().decide(List.of(DataJobExecution.withId("x-1")), X_12).conflictingExecutionId())
        .contains("x-1");
  }

  @Test
  void theExactExecutionIdIsTheRunsOwnRecord() {
    assertThat(backend().decide(List.of(DataJobExecution.withId("x-12")), X_12).runs()).isTrue();
  }

  @Test
  void theIdFollowedByDashAndTheAttemptSuffixIsTheRunsOwnRecord() {
    assertThat(ConcurrentExecutionChecker.isOwnRecord(DataJobExecution.withId("x-12"), "x-12-abcde")).isTrue();
    assertThat(ConcurrentExecutionChecker.isOwnRecord(DataJobExecution.withId("x-12-abcd"), "x-12-abcde"))
        .isFalse();
    assertThat(ConcurrentExecutionChecker.isOwnRecord(DataJobExecution.withId("x"), "x-12-abcde")).isFalse();
  }

  @Test
  void theExecutionIdTheRunWasGivenCountsEvenWhenTheAttemptIdIsNotBuiltFromIt() {
    ExecutionRequest given = new ExecutionRequest(TEAM, JOB, "run-7", "retry-3-abcde");

    assertThat(backend().decide(List.of(DataJobExecution.withId("run-7")), given).runs()).isTrue();
    assertThat(backend().decide(List.of(DataJobExecution.withId("retry-3")), given).runs()).isTrue();
    assertThat(backend().decide(List.of(DataJobExecution.withId("run")), given).runs()).isFalse();
  }

  @ParameterizedTest(name = "id \"{0}\"")
  @ValueSource(strings = {"", " ", "\t"})
  void anEmptyOrBlankIdCannotBeComparedSoTheCheckFails(String id) {
    assertThatThrownBy(() -> ConcurrentExecutionChecker.anotherExecutionRunning(
            List.of(DataJobExecution.withId(id)), "x-12-abcde"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without an id");
  }

  @Test
  void anAnswerListingAnEmptyIdFailsTheCheckInsteadOfMatchingEveryAttempt() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[{\"id\": \"\", \"status\": \"running\"}]")));

    assertThatThrownBy(() -> backend().tryAcquire(X_12))
        .hasMessageContaining("id");
  }
}

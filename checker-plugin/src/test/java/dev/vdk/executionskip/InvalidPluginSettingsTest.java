package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.never;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An invalid value of any of the plugin's keys ends the run as a user error that names the key, the
 * value and what is accepted; the job's steps do not run. No bad value can make the outcome more
 * permissive than the configured error policy.
 */
class InvalidPluginSettingsTest {
  private final FakeTime time = new FakeTime();
  private final List<String> events = new ArrayList<>();
  private final SpiedBackends backends =
      new SpiedBackends(() -> new ExecutionBackend() {
        @Override
        public String name() {
          return "always-free";
        }

        @Override
        public Decision tryAcquire(ExecutionRequest request) {
          return Decision.run("no other execution holds the job", () -> {});
        }
      });

  private JobTestKit kit(BackendProviders providers) {
    return JobTestKit.forJob(TestJob.of(Step.named("load", input -> events.add("step"))))
        .withPlugin(new ExecutionSkipPlugin(time, time, providers))
        .withEnvironment("VDK_ATTEMPT_ID", TestJob.ATTEMPT_ID)
        .withEnvironment("VDK_LOG_CONFIG", "CLOUD");
  }

  private JobTestKit kit() {
    return kit(backends.providers());
  }

  private void assertUserErrorNaming(JobRunReport report, String key, String value, String accepted) throws Exception {
    assertThat(report.status()).as(report.result().message()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.exitCode()).isNotZero();
    assertThat(events).as("the job's steps").isEmpty();
    for (BackendProvider provider : backends.providers().all()) {
      verify(provider, never()).create(any(), any());
    }
    assertThat(report.result().message()).contains(key).contains("'" + value + "'").contains(accepted);
    assertThat(report.terminationMessage()).hasValueSatisfying(m -> assertThat(m).contains("User error"));
    assertThat(report.logLinesContaining(DecisionLine.PREFIX))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("decision=user-error").contains(key));
  }

  @ParameterizedTest(name = "ON_ERROR={0}")
  @ValueSource(strings = {"fail", "skip"})
  void anInvalidSwitchDoesNotFallBackToProceedingWhateverThePolicy(String policy) throws Exception {
    JobRunReport report =
        kit()
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_ENABLED", "maybe")
            .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", policy)
            .run();

    assertUserErrorNaming(report, "EXECUTION_SKIP_CHECKER_ENABLED", "maybe", "true/false, yes/no or 1/0");
  }

  @Test
  void anInvalidErrorPolicyIsAUserErrorNotTheMostPermissivePolicy() throws Exception {
    JobRunReport report = kit().withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "explode").run();

    assertUserErrorNaming(report, "EXECUTION_SKIP_ON_ERROR", "explode", "proceed, skip, fail");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "EXECUTION_SKIP_CHECKER_BACKEND | zookeeper | control-service, local, postgres, postgres-lease",
        "EXECUTION_SKIP_WAIT_SECONDS | soon | a duration",
        "EXECUTION_SKIP_WAIT_SECONDS | PT-30S | 0 or more",
        "EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS | forever | a duration",
        "EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS | 0 | greater than zero",
        "EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS | PT0.0001S | greater than zero",
        "EXECUTION_SKIP_WAIT_SECONDS | 9223372036854775 | at most 24 h",
        "EXECUTION_SKIP_WAIT_SECONDS | 86401 | at most 24 h",
        "EXECUTION_SKIP_WAIT_SECONDS | PT9999999999999H | a duration",
        "EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS | PT9999999999999H | a duration",
        "EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS | 25h | at most 24 h"
      })
  void anInvalidValueOfAnyOtherKeyIsAUserErrorUnderEveryPolicy(String key, String value, String accepted) throws Exception {
    for (String policy : List.of("proceed", "skip", "fail")) {
      events.clear();
      JobRunReport report =
          kit().withEnvironment("VDK_" + key, value).withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", policy).run();

      assertUserErrorNaming(report, key, value, accepted);
    }
  }

  // Chosen rule: a disabled checker still validates its keys. A bad value stays bad when the checker
  // is turned back on; failing now shows it while someone is looking at the settings.
  @Test
  void aDisabledCheckerStillRejectsAnInvalidValueOfItsOtherKeys() throws Exception {
    JobRunReport report =
        kit()
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_ENABLED", "false")
            .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "explode")
            .run();

    assertUserErrorNaming(report, "EXECUTION_SKIP_ON_ERROR", "explode", "proceed, skip, fail");
  }

  @Test
  void everyInvalidKeyIsNamedInOneMessage() throws Exception {
    JobRunReport report =
        kit()
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_ENABLED", "maybe")
            .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "explode")
            .withEnvironment("VDK_EXECUTION_SKIP_WAIT_SECONDS", "soon")
            .run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.result().message())
        .contains("EXECUTION_SKIP_CHECKER_ENABLED", "'maybe'")
        .contains("EXECUTION_SKIP_ON_ERROR", "'explode'")
        .contains("EXECUTION_SKIP_WAIT_SECONDS", "'soon'");
  }

  @Test
  void anInvalidValueOfTheSelectedBackendsKeyIsAUserErrorToo() throws Exception {
    JobRunReport report =
        kit(BackendProviders.discover())
            .withEnvironment("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:9/api")
            .withEnvironment("VDK_CONTROL_HTTP_TOTAL_RETRIES", "many")
            .run();

    assertUserErrorNaming(report, "CONTROL_HTTP_TOTAL_RETRIES", "many", "a whole number");
  }

  // Before the bound, this wait passed validation and overflowed once the check had started: a
  // failed check, so the default policy ran the job next to the execution it was waiting for.
  @Test
  void aWaitTooLongToTimeNeverRunsTheJobNextToARunningExecution() throws Exception {
    SpiedBackends alwaysHeld =
        new SpiedBackends(() -> new ExecutionBackend() {
          @Override
          public String name() {
            return "always-held";
          }

          @Override
          public Decision tryAcquire(ExecutionRequest request) {
            return Decision.skip("Execution other-1 is running.", "other-1");
          }
        });
    JobRunReport report =
        kit(alwaysHeld.providers())
            .withEnvironment("VDK_EXECUTION_SKIP_WAIT_SECONDS", "9223372036854775")
            .run();

    assertUserErrorNaming(report, "EXECUTION_SKIP_WAIT_SECONDS", "9223372036854775", "at most 24 h");
    for (BackendProvider provider : alwaysHeld.providers().all()) {
      verify(provider, never()).create(any(), any());
    }
  }

  @Test
  void theLongestAcceptedDeadlineAndWaitStillRun() {
    JobRunReport report =
        kit()
            .withEnvironment("VDK_EXECUTION_SKIP_WAIT_SECONDS", "24h")
            .withEnvironment("VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", "PT24H")
            .run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(events).containsExactly("step");
  }

  @ParameterizedTest(name = "ON_ERROR={0}")
  @ValueSource(strings = {"proceed", "skip", "fail"})
  void aLockFolderThatIsNoPathIsAUserErrorNotAFailedCheck(String policy) {
    JobRunReport report =
        kit(BackendProviders.discover())
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local")
            .withEnvironment("VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", "/tmp/locks\u0000x")
            .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", policy)
            .run();

    assertThat(report.status()).as(report.result().message()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(events).as("the job's steps").isEmpty();
    assertThat(report.result().message()).contains("EXECUTION_SKIP_LOCAL_LOCK_DIR", "a file system path");
    assertThat(report.logLinesContaining(DecisionLine.PREFIX))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("decision=user-error"));
  }

  @Test
  void validValuesInAnyAcceptedSpellingStillRun() throws Exception {
    JobRunReport report =
        kit()
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_ENABLED", "YES")
            .withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "Fail")
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "Control-Service")
            .withEnvironment("VDK_EXECUTION_SKIP_WAIT_SECONDS", "0")
            .withEnvironment("VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", "500ms")
            .run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(events).containsExactly("step");
    verify(backends.named("control-service")).create(any(), any());
  }
}

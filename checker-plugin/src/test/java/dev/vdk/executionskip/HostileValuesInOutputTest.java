package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Whatever a backend read from outside (an execution id, a holder's details, an error message)
 * reaches the plugin's lines, the decision line, the skip reason and the runtime's end line on one
 * line, with line breaks, terminal escapes and bidi overrides shown escaped.
 */
class HostileValuesInOutputTest {

  private static JobTestKit kit(ExecutionBackend backend) {
    return JobTestKit.forJob(TestJob.of(Step.named("load", input -> {})))
        .withPlugin(new ExecutionSkipPlugin(new FakeTime(), new FakeTime(), new SpiedBackends(() -> backend).providers()))
        .withEnvironment("VDK_ATTEMPT_ID", TestJob.ATTEMPT_ID)
        .withEnvironment("VDK_LOG_CONFIG", "CLOUD");
  }

  /** A backend whose every poll is {@code poll}. */
  private static ExecutionBackend polling(Callable<Decision> poll) {
    return new ExecutionBackend() {
      @Override
      public String name() {
        return "scripted";
      }

      @Override
      public Decision tryAcquire(ExecutionRequest request) throws Exception {
        return poll.call();
      }
    };
  }

  private static ExecutionBackend answering(Decision decision) {
    return polling(() -> decision);
  }

  @Test
  void aHostileConflictingIdAndReasonAreShownEscaped() {
    JobRunReport report =
        kit(answering(Decision.skip("Execution " + HostileText.VALUE + " is running.", HostileText.VALUE))).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    HostileText.assertRunShownHarmlessly(report);
    assertThat(report.logLinesContaining("ExecutionSkipPlugin: execution_skip_decision "))
        .allSatisfy(line -> assertThat(line).contains("conflicting_id=\"x\\r\\nexecution_skip_decision"));
    assertThat(report.result().message()).contains("x\\r\\nexecution_skip_decision decision=run forged\\u001b[2J");
  }

  @Test
  void aHostileErrorMessageIsShownEscaped() {
    ExecutionBackend failing = polling(() -> {
      throw new IllegalStateException("the server said: " + HostileText.VALUE);
    });

    JobRunReport report = kit(failing).withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "fail").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    HostileText.assertRunShownHarmlessly(report);
  }

  @Test
  void aPollThatFailsAfterAHostileConflictIsWarnedAboutEscapedAndWithoutSecrets() {
    String token = "tok en/secret+value";
    AtomicInteger polls = new AtomicInteger();
    ExecutionBackend heldThenFailing = polling(() -> {
      if (polls.incrementAndGet() == 1) {
        return Decision.skip("Execution x is running.", HostileText.VALUE);
      }
      throw new ControlServiceException("the token endpoint said: refresh_token="
          + URLEncoder.encode(token, StandardCharsets.UTF_8) + " " + HostileText.VALUE);
    });

    JobRunReport report = kit(heldThenFailing)
        .withEnvironment("VDK_EXECUTION_SKIP_WAIT_SECONDS", "60")
        .withEnvironment("VDK_API_TOKEN", token)
        .run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(report.logLinesContaining("failed after execution")).singleElement();
    HostileText.assertRunShownHarmlessly(report);
    SecretForms.assertAbsent(token, String.join("\n", report.logLines()), "the run's log");
  }
}

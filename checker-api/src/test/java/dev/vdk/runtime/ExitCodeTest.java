package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exit code of each status, as the operator's docs list them: a scheduler tells a job's own
 * failure (1) from the platform's (3) by the code alone. 2 stays the usage error of a command line.
 */
class ExitCodeTest {
  private static final String JOB_CONF = "job_name = j\nteam = t";

  @ParameterizedTest(name = "{0} exits {1}")
  @CsvSource({"SUCCESS, 0", "SKIPPED, 0", "USER_ERROR, 1", "PLATFORM_ERROR, 3"})
  void eachStatusHasItsDocumentedExitCode(ExecutionStatus status, int exitCode) {
    assertThat(status.exitCode()).isEqualTo(exitCode);
  }

  @Test
  void aPlatformErrorEndsTheProcessWithThree() {
    Step overflowing = Step.named("deep", input -> { throw new StackOverflowError("too deep"); });

    JobRunReport report = JobTestKit.forJob(new DataJob(List.of(overflowing), JOB_CONF, "job.conf")).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.logLinesContaining("ended with status Platform error (exit code 3)")).isNotEmpty();
  }

  @Test
  void aUserErrorEndsTheProcessWithOne() {
    Step failing = Step.named("failing", input -> { throw new IllegalStateException("bad data"); });

    JobRunReport report = JobTestKit.forJob(new DataJob(List.of(failing), JOB_CONF, "job.conf")).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.exitCode()).isEqualTo(1);
  }
}

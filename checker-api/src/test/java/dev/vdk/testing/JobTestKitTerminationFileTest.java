package dev.vdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.runtime.RuntimeKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A termination path that a test sets is the run's to judge, as in a real process: the kit only reads it back. */
class JobTestKitTerminationFileTest {
  private static final String KEY = RuntimeKeys.TERMINATION_MESSAGE_WRITER_OUTPUT_FILE;

  private static JobTestKit kit() {
    return JobTestKit.forJob(DataJob.of("j", "t", List.of(Step.named("load", input -> {}))));
  }

  private static void assertRunWarnsAndSucceeds(JobRunReport report) {
    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.stepsRun()).containsExactly("load");
    assertThat(report.terminationMessage()).isEmpty();
    assertThat(report.logLinesContaining(KEY)).singleElement().satisfies(line -> assertThat(line).startsWith("WARNING"));
  }

  @Test
  void anInvalidPathInTheEnvironmentIsTheRunsWarningNotTheKitsError() {
    assertRunWarnsAndSucceeds(kit().withEnvironment("VDK_" + KEY, "bad\0path").run());
  }

  @Test
  void anInvalidPathInTheConfigIsTheRunsWarningNotTheKitsError() {
    assertRunWarnsAndSucceeds(kit().withConfig(KEY, "bad\0path").run());
  }
}

package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.Step;
import dev.vdk.api.VdkPlugin;
import dev.vdk.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a failed step threw, the run ends through the runtime: the end line is logged as far as
 * it can be, then the termination message is written, {@code vdkExit} is called and the process
 * ends with the run's exit code.
 */
class EndLineFailureTest {

  @TempDir Path dir;

  private final List<String> events = new ArrayList<>();

  private final VdkPlugin exitRecorder =
      new VdkPlugin() {
        @Override
        public void vdkExit(int exitCode) {
          events.add("vdkExit " + exitCode);
        }
      };

  /** Its stack trace cannot be read: whatever copies or prints it fails. */
  private static final class UnreadableStackTrace extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableStackTrace() {
      super("step failed");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new IllegalStateException("no stack trace today");
    }
  }

  private RunOutcome run(Step step, LogCapture logs) {
    Path terminationLog = dir.resolve("termination-log");
    RunOutcome outcome =
        DataJobRuntime.builder()
            .withoutPluginDiscovery()
            .plugin(exitRecorder)
            .environment(Map.of("VDK_" + RuntimeKeys.TERMINATION_MESSAGE_WRITER_OUTPUT_FILE, terminationLog.toString()))
            .processExit(code -> events.add("exit " + code))
            .build()
            .run(new DataJob(List.of(step), "job_name = orders\nteam = finance", "job.conf"));
    int code = outcome.result().exitCode();
    assertThat(code).isNotZero();
    assertThat(events).containsExactly("vdkExit " + code, "exit " + code);
    assertThat(terminationLog).exists();
    return outcome;
  }

  @Test
  void aStepFailureWithTwentyThousandCausesStillEndsTheRunThroughTheRuntime() throws Exception {
    Step failing = Step.named("load", input -> {
      Exception failure = new IllegalStateException("root");
      for (int i = 0; i < 20_000; i++) {
        failure = new RuntimeException("wrapped " + i, failure);
      }
      throw failure;
    });

    try (LogCapture logs = LogCapture.start()) {
      run(failing, logs);

      assertThat(logs.lines(record -> true))
          .anySatisfy(line -> assertThat(line).contains("ended with status").contains("wrapped 19999"));
    }
    assertThat(Files.readString(dir.resolve("termination-log"))).contains("error");
  }

  @Test
  void anEndLineThatCannotBeWrittenStillEndsTheRunThroughTheRuntime() {
    Step failing = Step.named("load", input -> {
      throw new UnreadableStackTrace();
    });

    try (LogCapture logs = LogCapture.start()) {
      run(failing, logs);

      assertThat(logs.lines(record -> true))
          .anySatisfy(line -> assertThat(line)
              .contains("Job orders of team finance")
              .contains("could not be logged in full")
              .contains(IllegalStateException.class.getName()));
    }
  }
}

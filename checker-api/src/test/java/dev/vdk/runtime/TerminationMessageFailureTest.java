package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import dev.vdk.api.Step;
import dev.vdk.api.VdkPlugin;
import dev.vdk.testing.LogCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A termination message that cannot be written is a warning: the run still calls {@code vdkExit}
 * and ends the process with its own exit code.
 */
class TerminationMessageFailureTest {
  private static final String KEY = RuntimeKeys.TERMINATION_MESSAGE_WRITER_OUTPUT_FILE;

  @TempDir static Path dir;

  private final List<String> events = new ArrayList<>();

  /** Records the exit hook, and skips the run when asked to. */
  private final class RecordingPlugin implements VdkPlugin {
    private final boolean skip;

    RecordingPlugin(boolean skip) {
      this.skip = skip;
    }

    @Override
    public Optional<ExecutionResult> runJob(JobContext context) {
      return skip ? Optional.of(ExecutionResult.skipped("another execution is running")) : Optional.empty();
    }

    @Override
    public void vdkExit(int exitCode) {
      events.add("vdkExit " + exitCode);
    }
  }

  static Stream<Arguments> unwritablePaths() {
    return Stream.of(
        Arguments.of("an invalid path", "bad\0path", "bad"),
        Arguments.of("a folder", dir.toString(), dir.toString()),
        Arguments.of("a file in a missing folder", dir.resolve("no-such-folder/termination-log").toString(), "no-such-folder"));
  }

  @ParameterizedTest(name = "{0}, success")
  @MethodSource("unwritablePaths")
  void aSuccessfulRunStillCallsItsExitHooksAndExitsZero(String what, String path, String shown) {
    assertRunEndsNormallyWithAWarning(false, path, shown);
  }

  @ParameterizedTest(name = "{0}, skipped")
  @MethodSource("unwritablePaths")
  void aSkippedRunStillCallsItsExitHooksAndExitsZero(String what, String path, String shown) {
    assertRunEndsNormallyWithAWarning(true, path, shown);
  }

  private void assertRunEndsNormallyWithAWarning(boolean skip, String path, String shown) {
    try (LogCapture logs = LogCapture.start()) {
      RunOutcome outcome =
          DataJobRuntime.builder()
              .withoutPluginDiscovery()
              .plugin(new RecordingPlugin(skip))
              .environment(Map.of("VDK_" + KEY, path))
              .processExit(code -> events.add("exit " + code))
              .build()
              .run(DataJob.of("j", "t", List.of(Step.named("one", input -> {}))));

      assertThat(outcome.exitCode()).isZero();
      assertThat(events).containsExactly("vdkExit 0", "exit 0");
      assertThat(logs.lines(record -> record.getMessage().contains("termination message")))
          .singleElement()
          .satisfies(line -> assertThat(line).startsWith("WARNING").contains(KEY).contains(shown));
    }
  }
}

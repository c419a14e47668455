package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.LogConfig;
import dev.vdk.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TerminationMessageWriterTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(ExecutionStatus.class)
  void writesTheVersionAndTheStatusAsJson(ExecutionStatus status) throws Exception {
    Path file = dir.resolve("termination-log");

    boolean written = new TerminationMessageWriter(true, file.toString(), "1.2.3", LogConfig.CLOUD).write(status);

    assertThat(written).isTrue();
    assertThat(Files.readString(file))
        .isEqualTo("{\"vdk_version\": \"1.2.3\", \"status\": \"" + status.text() + "\"}");
  }

  @Test
  void truncatesWhatWasThereBefore() throws Exception {
    Path file = dir.resolve("termination-log");
    Files.writeString(file, "x".repeat(500));

    new TerminationMessageWriter(true, file.toString(), "1.2.3", LogConfig.CLOUD).write(ExecutionStatus.SKIPPED);

    assertThat(Files.readString(file)).isEqualTo("{\"vdk_version\": \"1.2.3\", \"status\": \"Skipped\"}");
  }

  @Test
  void aFailedWriteIsLoggedAndDoesNotThrow() {
    Path notWritable = dir.resolve("no-such-folder").resolve("termination-log");

    try (LogCapture logs = LogCapture.start()) {
      boolean written =
          new TerminationMessageWriter(true, notWritable.toString(), "1.2.3", LogConfig.CLOUD).write(ExecutionStatus.SUCCESS);

      assertThat(written).isFalse();
      assertThat(logs.lines())
          .anySatisfy(line -> assertThat(line).startsWith("WARNING").contains("Could not write the termination message"));
    }
  }

  @Test
  void aFailedWriteToAChosenPathInALocalRunIsAWarningToo() {
    Path notWritable = dir.resolve("no-such-folder").resolve("termination-log");

    try (LogCapture logs = LogCapture.start()) {
      new TerminationMessageWriter(true, notWritable.toString(), "1.2.3", LogConfig.LOCAL).write(ExecutionStatus.SUCCESS);

      assertThat(logs.lines())
          .filteredOn(line -> line.contains("Could not write the termination message"))
          .singleElement()
          .satisfies(line -> assertThat(line).startsWith("WARNING").contains(notWritable.toString())
              .contains("TERMINATION_MESSAGE_WRITER_OUTPUT_FILE"));
    }
  }

  @Test
  void onlyALocalRunWritingToTheDefaultPathLogsAFailureAtDebugLevel() {
    // The default path is not written here: a test run as root could create it.
    String defaultPath = RuntimeKeys.DEFAULT_TERMINATION_LOG;

    assertThat(TerminationMessageWriter.failureLevel(LogConfig.LOCAL, defaultPath)).isEqualTo(System.Logger.Level.DEBUG);
    assertThat(TerminationMessageWriter.failureLevel(LogConfig.CLOUD, defaultPath)).isEqualTo(System.Logger.Level.WARNING);
    assertThat(TerminationMessageWriter.failureLevel(LogConfig.LOCAL, "/tmp/x")).isEqualTo(System.Logger.Level.WARNING);
  }

  @Test
  void writesNothingWhenDisabled() {
    Path file = dir.resolve("termination-log");

    new TerminationMessageWriter(false, file.toString(), "1.2.3", LogConfig.CLOUD).write(ExecutionStatus.SUCCESS);

    assertThat(file).doesNotExist();
  }
}

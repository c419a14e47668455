package dev.vdk.testing;

import dev.vdk.api.ExecutionResult;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.JobContext;
import java.util.List;
import java.util.Optional;

/**
 * What an in-process run did.
 *
 * @param result the run's result
 * @param exitCode the code the run asked the process to exit with
 * @param stepsRun the names of the steps that started, in order
 * @param terminationMessage the termination message file's content, if it was written
 * @param logLines every log line of the run (see {@link LogCapture})
 * @param context the job context, when the run got far enough to have one
 */
public record JobRunReport(
    ExecutionResult result,
    int exitCode,
    List<String> stepsRun,
    Optional<String> terminationMessage,
    List<String> logLines,
    Optional<JobContext> context) {

  public ExecutionStatus status() {
    return result.status();
  }

  /** The log lines that contain {@code text}. */
  public List<String> logLinesContaining(String text) {
    return logLines.stream().filter(line -> line.contains(text)).toList();
  }
}

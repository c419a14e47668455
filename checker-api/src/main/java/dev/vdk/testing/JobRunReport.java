package dev.vdk.testing;

import dev.vdk.api.ExecutionResult;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.JobContext;
import dev.vdk.runtime.HookCall;
import java.util.List;
import java.util.Optional;

/**
 * What an in-process run did.
 *
 * @param result the run's result
 * @param exitCode the code the run asked the process to exit with
 * @param stepsRun the names of the steps that started, in order
 * @param hookCalls every hook call, in order, with the class that implements it; the job's steps
 *     appear as {@code runJob} of {@link dev.vdk.runtime.StepRunner}
 * @param terminationMessage the termination message file's content, if it was written
 * @param logLines every log line of the run (see {@link LogCapture})
 * @param context the job context, when the run got far enough to have one
 */
public record JobRunReport(
    ExecutionResult result,
    int exitCode,
    List<String> stepsRun,
    List<HookCall> hookCalls,
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

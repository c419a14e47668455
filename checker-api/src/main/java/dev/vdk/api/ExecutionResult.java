package dev.vdk.api;

import java.util.Objects;
import java.util.Optional;

/** The outcome of a run: its status, a sentence saying why, and the error behind it, if any. */
public record ExecutionResult(ExecutionStatus status, String message, Optional<Throwable> cause) {

  public ExecutionResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(cause, "cause");
  }

  public static ExecutionResult success() {
    return new ExecutionResult(ExecutionStatus.SUCCESS, "The job ran to completion.", Optional.empty());
  }

  public static ExecutionResult skipped(String reason) {
    return new ExecutionResult(ExecutionStatus.SKIPPED, reason, Optional.empty());
  }

  public static ExecutionResult userError(String message, Throwable cause) {
    return new ExecutionResult(ExecutionStatus.USER_ERROR, message, Optional.ofNullable(cause));
  }

  public static ExecutionResult platformError(String message, Throwable cause) {
    return new ExecutionResult(ExecutionStatus.PLATFORM_ERROR, message, Optional.ofNullable(cause));
  }

  public int exitCode() {
    return status.exitCode();
  }
}

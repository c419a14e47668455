package dev.vdk.api;

/**
 * How a run ended, with the exact text the termination message carries and the process's exit
 * code. A Platform error has a code of its own (VDK exits 1 for both kinds of error), so that a
 * scheduler can tell a job's own failure from the platform's without reading the logs; 2 is left
 * to a command line's usage errors.
 */
public enum ExecutionStatus {
  SUCCESS("Success", 0),
  USER_ERROR("User error", 1),
  PLATFORM_ERROR("Platform error", 3),
  SKIPPED("Skipped", 0);

  private final String text;
  private final int exitCode;

  ExecutionStatus(String text, int exitCode) {
    this.text = text;
    this.exitCode = exitCode;
  }

  /** The status as the termination message spells it, e.g. {@code User error}. */
  public String text() {
    return text;
  }

  /** 0 for a run that succeeded or was skipped on purpose, 1 for a User error, 3 for a Platform error. */
  public int exitCode() {
    return exitCode;
  }
}

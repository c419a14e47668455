package dev.vdk.api;

/** How a run ended, with the exact text the termination message carries. */
public enum ExecutionStatus {
  SUCCESS("Success", 0),
  USER_ERROR("User error", 1),
  PLATFORM_ERROR("Platform error", 1),
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

  /** 0 for a run that succeeded or was skipped on purpose, non-zero otherwise. */
  public int exitCode() {
    return exitCode;
  }
}

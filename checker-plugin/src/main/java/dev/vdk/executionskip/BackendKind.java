package dev.vdk.executionskip;

/** The backends a user can select with {@code EXECUTION_SKIP_CHECKER_BACKEND}. */
public enum BackendKind {
  /** The reference check: ask the Control Service; runs only for {@code CLOUD} executions. */
  CONTROL_SERVICE,
  /** An OS file lock per job on this machine; guards runs in any log configuration. */
  LOCAL,
  /** A PostgreSQL session advisory lock per job; guards runs in any log configuration. */
  POSTGRES,
  /** A renewed lease per job in a PostgreSQL table; guards runs in any log configuration. */
  POSTGRES_LEASE;

  /** The name users write, e.g. {@code control-service}. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}

package dev.vdk.executionskip.backend;

/** What a backend decided for one execution. */
public enum Verdict {
  /** No other execution holds the job: this one runs. */
  RUN,
  /** Another execution of the job is running: this one is skipped. */
  SKIP
}

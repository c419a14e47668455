package dev.vdk.executionskip;

/** What a run does when the check itself fails ({@code EXECUTION_SKIP_ON_ERROR}). */
public enum OnErrorPolicy {
  /** Run anyway: the reference's fail-open. A missed guard beats a missed run. */
  PROCEED,
  /** Skip the run: for jobs where a duplicate is worse than a missed run. */
  SKIP,
  /** End the run as a platform error with the cause, so that alerting picks it up. */
  FAIL
}

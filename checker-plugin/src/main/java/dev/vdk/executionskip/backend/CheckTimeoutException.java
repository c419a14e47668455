package dev.vdk.executionskip.backend;

/**
 * A check did not finish within its {@link Deadline}: the one error of a check that ran out of
 * time, whichever timer noticed first. Made only by {@link Deadline#exceeded}, so its message is
 * the same wherever it is raised.
 */
public class CheckTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CheckTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.vdk.executionskip;

/** The check passed its deadline ({@code EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS}). */
public class CheckTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckTimeoutException(String message) {
    super(message);
  }
}

package dev.vdk.executionskip.controlservice;

import java.util.OptionalInt;

/**
 * The Control Service check could not be answered. The message names the URL path, the HTTP
 * status when there was one and a short, sanitised excerpt of the answer; it never holds a token.
 *
 * <p>Unchecked because it crosses Feign's pipeline, which only lets runtime exceptions through;
 * the plugin catches it and lets the job run (fail-open), as the reference does.
 */
public class ControlServiceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public ControlServiceException(String message) {
    this(message, -1, null);
  }

  public ControlServiceException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status of the answer that failed the check, if there was an answer. */
  public OptionalInt status() {
    return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }
}

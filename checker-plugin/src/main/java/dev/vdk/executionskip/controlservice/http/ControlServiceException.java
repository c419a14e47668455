package dev.vdk.executionskip.controlservice.http;

import java.util.OptionalInt;

/**
 * The Control Service check could not be answered. The message names the call (method and URL
 * path), the HTTP status when there was one and a short, sanitised excerpt of the answer; it never
 * holds a token. A check that ran out of time fails with the deadline's own error instead (see
 * {@link dev.vdk.executionskip.backend.Deadline#exceeded}).
 *
 * <p>Unchecked, as the backend SPI lets it through to the plugin, whose error policy decides
 * (proceed by default, as the reference does).
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

package dev.vdk.executionskip.controlservice;

import dev.vdk.api.Redactor;

/**
 * Turns whatever Feign threw into one {@link ControlServiceException}. Errors raised by this
 * package's own decoders reach the caller wrapped by Feign (a decoder's runtime exception becomes a
 * {@code DecodeException}), so the cause chain is searched first.
 */
final class ControlServiceFailures {

  private ControlServiceFailures() {}

  static ControlServiceException translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ControlServiceException own) {
        return own;
      }
    }
    int status = failure instanceof feign.FeignException feign ? feign.status() : -1;
    // Feign's messages quote no request headers, but they do quote the whole URL, user-info and
    // query included: both the message and the attached cause go without them.
    return new ControlServiceException(
        "The Control Service could not be asked: " + Redactor.withoutSecrets().redact(failure.getMessage()),
        status,
        Redactor.withoutSecrets().redact(failure));
  }
}

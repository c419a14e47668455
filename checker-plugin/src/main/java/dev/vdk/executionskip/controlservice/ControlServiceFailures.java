package dev.vdk.executionskip.controlservice;

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
    // Feign's messages name the method and URL and quote no request headers, so no token.
    return new ControlServiceException(
        "The Control Service could not be asked: " + failure.getMessage(), status, failure);
  }
}

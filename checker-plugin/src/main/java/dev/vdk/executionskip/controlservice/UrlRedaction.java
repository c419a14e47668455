package dev.vdk.executionskip.controlservice;

import java.util.regex.Pattern;

/**
 * Takes credentials out of the URLs that Feign and the JDK put into exception messages: a URL may
 * carry {@code user:password@} and a query, and both would otherwise reach WARNING lines and the
 * CLI's stderr. Every message this package builds from a Feign or I/O exception goes through here,
 * and so does every cause it attaches, since a printed stack trace shows the causes too.
 */
final class UrlRedaction {

  /** A scheme, then an optional user-info, the host and path, an optional query and fragment. */
  private static final Pattern URL =
      Pattern.compile(
          "(?i)\\b([a-z][a-z0-9+.-]*://)(?:[^/\\s?#]*@)?([^/\\s?#]*)([^\\s?#]*)(?:\\?[^\\s#]*)?(?:#\\S*)?");

  private UrlRedaction() {}

  /** {@code text} with every URL cut down to scheme, host and path. */
  static String strip(String text) {
    return text == null ? null : URL.matcher(text).replaceAll("$1$2$3");
  }

  /**
   * A stand-in for {@code failure} and its causes to attach as a cause: same class name (in the
   * message), same stack traces, messages stripped of credentials.
   */
  static Throwable scrubbed(Throwable failure) {
    if (failure == null) {
      return null;
    }
    Throwable copy = new Scrubbed(failure, scrubbed(failure.getCause()));
    for (Throwable suppressed : failure.getSuppressed()) {
      copy.addSuppressed(scrubbed(suppressed));
    }
    return copy;
  }

  /** Prints as the original would have, "class: message", with the message stripped. */
  private static final class Scrubbed extends Exception {

    private static final long serialVersionUID = 1L;

    Scrubbed(Throwable original, Throwable cause) {
      super(
          original.getClass().getName()
              + (original.getMessage() == null ? "" : ": " + strip(original.getMessage())),
          cause);
      setStackTrace(original.getStackTrace());
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}

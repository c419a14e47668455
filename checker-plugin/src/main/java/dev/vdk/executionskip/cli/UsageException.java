package dev.vdk.executionskip.cli;

/** The command line cannot be understood; the message says what is wrong with it. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}

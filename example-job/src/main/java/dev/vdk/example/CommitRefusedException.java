package dev.vdk.example;

/** A commit the output refused, because a newer run has committed or took the job over; nothing was written. */
final class CommitRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  CommitRefusedException(String message) {
    super(message);
  }
}

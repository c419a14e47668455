package dev.vdk.executionskip.backend;

/**
 * An id read from outside (an answer of the Control Service, a lock file) as a decision quotes
 * it: its first {@value #SHOWN} characters, then how many more there were. A reason, a log line or
 * a skip message stays short however long an id a broken or hostile neighbour hands in.
 */
public final class OutsideId {
  /** How many characters of an id are quoted; real execution ids are far shorter. */
  public static final int SHOWN = 256;

  private OutsideId() {}

  /** {@code id} if it is short enough, else its start and the count of the rest; null stays null. */
  public static String shortened(String id) {
    if (id == null || id.length() <= SHOWN) {
      return id;
    }
    // Never cut a surrogate pair in half: the half would be escaped, the other half lost.
    int end = Character.isHighSurrogate(id.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
    return id.substring(0, end) + "...(" + (id.length() - end) + " more characters)";
  }
}

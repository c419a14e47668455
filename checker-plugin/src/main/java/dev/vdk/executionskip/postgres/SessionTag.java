package dev.vdk.executionskip.postgres;

import dev.vdk.api.OneLine;
import java.util.Optional;

/**
 * What the holding session says about itself in {@code application_name}, so that a skipped
 * execution can name it: {@code vdk-skip <executionId> <attempt>}, where the attempt is written as
 * {@code *<suffix>} when it is the execution id plus a suffix (the usual case), else in full.
 *
 * <p>The server keeps at most 63 bytes of {@code application_name} and turns characters outside
 * printable ASCII into {@code ?}. When the ids do not fit or are not printable ASCII, the tag says
 * only what fits and starts with {@code vdk-skip~}, which readers show as is but do not parse.
 * Ids are assumed to hold no spaces (they are Kubernetes names or UUID-based).
 *
 * @param attemptId null when the tag had no room for it
 */
record SessionTag(String executionId, String attemptId) {
  static final int MAX_LENGTH = 63;
  private static final String PREFIX = "vdk-skip ";
  private static final String CUT_PREFIX = "vdk-skip~ ";

  String toApplicationName() {
    String attemptPart = attemptId.startsWith(executionId)
        ? "*" + attemptId.substring(executionId.length())
        : attemptId;
    String full = PREFIX + executionId + " " + attemptPart;
    if (printableAscii(full) && full.length() <= MAX_LENGTH) {
      return full;
    }
    String executionOnly = PREFIX + executionId;
    if (printableAscii(executionOnly) && executionOnly.length() <= MAX_LENGTH) {
      return executionOnly;
    }
    String shown = executionId.replaceAll("[^\\x20-\\x7E]", "?");
    return CUT_PREFIX + shown.substring(0, Math.min(shown.length(), MAX_LENGTH - CUT_PREFIX.length()));
  }

  /** The tag in an {@code application_name}, or empty if it is not a complete tag of ours. */
  static Optional<SessionTag> fromApplicationName(String applicationName) {
    if (applicationName == null || !applicationName.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = applicationName.substring(PREFIX.length()).split(" ", 2);
    if (parts[0].isEmpty()) {
      return Optional.empty();
    }
    String executionId = parts[0];
    if (parts.length == 1) {
      return Optional.of(new SessionTag(executionId, null));
    }
    String attempt = parts[1].startsWith("*") ? executionId + parts[1].substring(1) : parts[1];
    return Optional.of(new SessionTag(executionId, attempt));
  }

  /** How a reason sentence names the holder; the ids come from the server, so escaped. */
  String describe() {
    return attemptId == null
        ? "execution " + OneLine.escape(executionId)
        : "attempt " + OneLine.escape(attemptId) + " of execution " + OneLine.escape(executionId);
  }

  private static boolean printableAscii(String text) {
    return text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
  }
}

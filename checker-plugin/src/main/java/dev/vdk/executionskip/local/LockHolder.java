package dev.vdk.executionskip.local;

import dev.vdk.api.OneLine;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a job's lock file, as written into the file by the holder so that a skipped execution
 * can say who is in its way.
 *
 * <p>The file holds {@code key=value} lines and ends with a line {@code end}: readers do not lock
 * the file, so they may see it half written or empty, and only a text with the end line and every
 * key counts as complete.
 */
record LockHolder(String attemptId, String executionId, long pid, Instant startedAt) {
  private static final String END = "end";

  LockHolder {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  String toFileText() {
    return "attemptId=" + oneLine(attemptId) + "\n"
        + "executionId=" + oneLine(executionId) + "\n"
        + "pid=" + pid + "\n"
        + "startedAt=" + startedAt + "\n"
        + END + "\n";
  }

  /** The holder described by a lock file's text, or empty when the text is incomplete or foreign. */
  static Optional<LockHolder> parse(String text) {
    Map<String, String> values = new HashMap<>();
    boolean complete = false;
    for (String line : text.split("\n", -1)) {
      if (line.equals(END)) {
        complete = true;
        break;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    if (!complete) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new LockHolder(
              values.get("attemptId"),
              values.get("executionId"),
              Long.parseLong(values.get("pid")),
              Instant.parse(values.get("startedAt"))));
    } catch (NullPointerException | NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** How a reason sentence names the holder; the ids are whatever the file held, so escaped. */
  String describe() {
    return "attempt " + OneLine.escape(attemptId) + " of execution " + OneLine.escape(executionId)
        + " (pid " + pid + ", started " + startedAt + ")";
  }

  // A line break inside an id would let it forge the following keys.
  private static String oneLine(String value) {
    return value.replace('\n', ' ').replace('\r', ' ');
  }
}

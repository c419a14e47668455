package dev.vdk.executionskip;

import dev.vdk.api.JobContext;
import dev.vdk.api.OneLine;
import dev.vdk.api.Redactor;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one line per run that says what the guard decided, in a stable key=value form that users can
 * grep and alert on:
 *
 * <pre>
 * execution_skip_decision job=J team=T attempt_id=A backend=B decision=D reason="..." conflicting_id=C duration_ms=N fencing_token=F
 * </pre>
 *
 * <p>{@code decision} is one of {@code run}, {@code skip}, {@code run-on-error}, {@code
 * skip-on-error}, {@code fail-on-error}, {@code user-error} (a bad setting of the plugin); {@code
 * conflicting_id} is {@code -} when none is known; {@code fencing_token} is the run's token (see
 * {@link dev.vdk.api.RunControl#fencingToken()}), {@code -} when the backend gives none. A run whose lock is lost while it runs logs a
 * second line, {@code decision=lost} (see {@link LeaseLossReport}).
 * Values with spaces, quotes, an equals sign or a character that could break or steer the line are
 * double-quoted, with {@code \"} and {@code \\} escaped and control characters written as {@link
 * OneLine} writes them ({@code \n}, {@code \}{@code u001b}): the line stays one line whatever an id
 * or a reason holds.
 */
record DecisionLine(
    JobContext context,
    String backend,
    String decision,
    String reason,
    Optional<String> conflictingId,
    long durationMillis,
    OptionalLong fencingToken) {

  static final String PREFIX = "execution_skip_decision";

  /** A line without a fencing token. */
  DecisionLine(
      JobContext context, String backend, String decision, String reason, Optional<String> conflictingId,
      long durationMillis) {
    this(context, backend, decision, reason, conflictingId, durationMillis, OptionalLong.empty());
  }

  /** This line with its reason and conflicting id, the parts that quote outside values, redacted. */
  DecisionLine redactedBy(Redactor redactor) {
    return new DecisionLine(
        context, backend, decision, redactor.redact(reason), conflictingId.map(redactor::redact), durationMillis,
        fencingToken);
  }

  String render() {
    return PREFIX
        + " job=" + value(context.jobName())
        + " team=" + value(context.team())
        + " attempt_id=" + value(context.attemptId())
        + " backend=" + value(backend)
        + " decision=" + value(decision)
        + " reason=" + quoted(reason)
        + " conflicting_id=" + value(conflictingId.orElse("-"))
        + " duration_ms=" + durationMillis
        + " fencing_token=" + (fencingToken.isPresent() ? Long.toString(fencingToken.getAsLong()) : "-");
  }

  private static String value(String text) {
    return text.isEmpty() || needsQuotes(text) || !OneLine.escape(text).equals(text) ? quoted(text) : text;
  }

  /** A loop rather than a stream: this line is in every run, the check on or off. */
  private static boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '"' || c == '=' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  private static String quoted(String text) {
    return "\"" + OneLine.escapeQuoted(text) + "\"";
  }
}

package dev.vdk.executionskip.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vdk.api.OneLine;
import dev.vdk.api.Redactor;
import dev.vdk.executionskip.backend.Holder;
import dev.vdk.executionskip.backend.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the check found: the verdict for an execution starting now, why, and the executions in its
 * way. Rendered as a text table for people or as one JSON object for machines.
 *
 * @param syntheticAttemptId whether {@code attemptId} was made up because none was given
 * @param lockProbe whether the check took something (a lock backend's lock) and released it at once
 * @param executions the executions the backend named, the one in the way first; each field of one
 *     may be unknown
 * @param notShown how many more executions the backend saw than {@code executions} names
 */
record CheckReport(
    String backend,
    String team,
    String job,
    String attemptId,
    boolean syntheticAttemptId,
    boolean lockProbe,
    Verdict verdict,
    String reason,
    List<Holder> executions,
    long notShown,
    Instant checkedAt) {

  private static final JsonFactory JSON = new JsonFactory();

  CheckReport {
    Objects.requireNonNull(verdict, "verdict");
    executions = List.copyOf(executions);
  }

  /** This report with every text in it passed through {@code redactor}. */
  CheckReport redactedBy(Redactor redactor) {
    return new CheckReport(
        backend, redactor.redact(team), redactor.redact(job), redactor.redact(attemptId), syntheticAttemptId,
        lockProbe, verdict, redactor.redact(reason),
        executions.stream()
            .map(holder -> new Holder(
                holder.id().map(redactor::redact), holder.status().map(redactor::redact),
                holder.since().map(redactor::redact), holder.where().map(redactor::redact)))
            .toList(),
        notShown,
        checkedAt);
  }

  int exitCode() {
    return verdict == Verdict.RUN ? CheckCommand.WOULD_RUN : CheckCommand.WOULD_BE_SKIPPED;
  }

  String toText() {
    StringBuilder text = new StringBuilder();
    text.append("Job ").append(cell(job)).append(" of team ").append(cell(team))
        .append(verdict == Verdict.RUN
            ? ": an execution starting now would RUN.\n"
            : ": an execution starting now would be SKIPPED.\n");
    text.append("  reason:     ").append(cell(reason)).append('\n');
    text.append("  backend:    ").append(backend).append('\n');
    text.append("  attempt id: ").append(cell(attemptId));
    if (syntheticAttemptId) {
      text.append(" (synthetic: no --attempt-id was given, so it matches no execution and every"
          + " listed execution counts as conflicting)");
    }
    text.append('\n');
    text.append("  checked at: ").append(checkedAt).append('\n');
    if (lockProbe) {
      text.append("  note:       the ").append(backend)
          .append(" lock was taken for a moment to probe it and released at once.\n");
    }
    text.append('\n');
    String more = notShown == 0 ? "" : "... and " + notShown + " more listed executions, not shown.\n";
    if (executions.isEmpty()) {
      return text.append(notShown == 0 ? "Conflicting executions: none.\n" : "Conflicting executions:\n" + more)
          .toString();
    }
    text.append("Conflicting executions (").append(executions.size()).append("):\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "STATUS", "START TIME", "STARTED BY"});
    for (Holder holder : executions) {
      rows.add(new String[] {
          cell(holder.id()), cell(holder.status()), cell(holder.since()), cell(holder.where())});
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int column = 0; column < widths.length; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < widths.length; column++) {
        line.append(String.format(Locale.ROOT, "%-" + widths[column] + "s", row[column]));
        if (column < widths.length - 1) {
          line.append("  ");
        }
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.append(more).toString();
  }

  String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("decision", verdict.name().toLowerCase(Locale.ROOT));
      json.writeStringField("reason", reason);
      json.writeStringField("backend", backend);
      json.writeStringField("team", team);
      json.writeStringField("job", job);
      json.writeStringField("attempt_id", attemptId);
      json.writeBooleanField("attempt_id_synthetic", syntheticAttemptId);
      json.writeStringField("checked_at", checkedAt.toString());
      json.writeArrayFieldStart("executions");
      for (Holder holder : executions) {
        json.writeStartObject();
        json.writeStringField("id", holder.id().orElse(null));
        json.writeStringField("status", holder.status().orElse(null));
        json.writeStringField("start_time", holder.since().orElse(null));
        json.writeStringField("started_by", holder.where().orElse(null));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("executions_not_shown", notShown);
      json.writeEndObject();
    } catch (IOException e) {
      // A StringWriter never fails; this would be a bug in Jackson.
      throw new UncheckedIOException("Could not write the report as JSON.", e);
    }
    // Jackson escapes what JSON must; OneLine the rest a terminal would act on (C1, bidi), as
    // JSON escapes, so the object stays valid and its values exact.
    return OneLine.escape(text.toString()) + "\n";
  }

  private static String cell(Optional<String> value) {
    return cell(value.orElse(null));
  }

  // Outside values (the Control Service's strings, a lock holder's details) go to a terminal: a
  // control character could forge lines or move the cursor, so each one is shown escaped.
  private static String cell(String value) {
    return value == null || value.isEmpty() ? "-" : OneLine.escape(value);
  }
}

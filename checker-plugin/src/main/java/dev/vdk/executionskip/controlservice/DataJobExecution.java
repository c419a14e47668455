package dev.vdk.executionskip.controlservice;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What the check reads of one execution that the Control Service lists (OpenAPI schema {@code
 * DataJobExecution}): {@code id}, which every decision reads; {@code start_time}, which oldest-wins
 * reads; and {@code status} and {@code started_by}, which are only shown. The schema's other fields
 * ({@code deployment}, {@code message}, …) are never read, so their contents cannot fail a check.
 *
 * <p>{@code start_time} stays the string the server sent; {@link #startedAt()} parses it on
 * demand and answers empty when it cannot, and oldest-wins takes such an execution to be in the
 * way (see {@link OldestWins}).
 *
 * @param id the execution's id; never blank in an answer the check accepts
 * @param status e.g. {@code running}, or null when the server sent none or not a string
 * @param startTime as sent, or null when missing, not a string, or given twice
 * @param startedBy as sent, or null when missing or not a string
 */
public record DataJobExecution(String id, String status, String startTime, String startedBy) {

  /** An execution known only by its id, as most tests and decisions need it. */
  public static DataJobExecution withId(String id) {
    return new DataJobExecution(id, null, null, null);
  }

  /** {@code start_time} as an instant in time, or empty when it is missing or not ISO-8601. */
  public Optional<OffsetDateTime> startedAt() {
    if (startTime == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(startTime));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

package dev.vdk.executionskip.backend;

import java.util.Objects;
import java.util.Optional;

/**
 * An execution that a backend saw in the way, described as far as the backend knows it (each part
 * may be unknown), so that whoever shows it (the decision line, the operator command) needs to know
 * no backend.
 *
 * @param id the execution's id; empty when the holder did not say (a lock file not yet written)
 * @param status what the backend calls its state, e.g. {@code running} or {@code submitted}
 * @param since when it started or took the lock, as an ISO-8601 time where the backend has one
 * @param where who started it or where it runs: a pid, a database session, the Control Service's
 *     {@code started_by}
 */
public record Holder(
    Optional<String> id, Optional<String> status, Optional<String> since, Optional<String> where) {

  /** What a lock backend calls the state of whoever holds its lock. */
  public static final String RUNNING = "running";

  public Holder {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(where, "where");
  }

  /** A running execution of which only the id (or nothing, when null) is known. */
  public static Holder running(String id) {
    return new Holder(Optional.ofNullable(id), Optional.of(RUNNING), Optional.empty(), Optional.empty());
  }
}

package dev.vdk.executionskip.postgreslease;

import dev.vdk.api.OneLine;
import java.time.Instant;

/**
 * A job's row in the lease table, as read: who took the lease last, with which token, when, until
 * when, and whether that time (by the server's clock) is still to come.
 */
record LeaseRow(
    String executionId, String attemptId, long fencingToken, Instant acquiredAt, Instant expiresAt,
    boolean live) {

  /** How a sentence names the holder; the ids come from the database, so they are escaped. */
  String describe() {
    return "attempt " + OneLine.escape(attemptId) + " of execution " + OneLine.escape(executionId)
        + " (fencing token " + fencingToken + ", since " + acquiredAt + ")";
  }
}

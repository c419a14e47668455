package dev.vdk.executionskip.postgres;

import dev.vdk.executionskip.backend.JobDigest;
import java.nio.ByteBuffer;

/**
 * The 64-bit advisory lock key of a job: the first 8 bytes, big-endian, of {@link
 * JobDigest#sha256} of team and job. It must never change, since executions run by different
 * plugin versions must lock the same key; a test pins one value.
 *
 * <p>In {@code pg_locks} a lock taken with {@code pg_advisory_lock(bigint)} shows the key split in
 * two: {@code classid} holds the high 32 bits, {@code objid} the low 32 bits (both unsigned, as
 * {@code oid}), and {@code objsubid} is 1 (2 would mean the two-{@code int4} form).
 */
record AdvisoryLockKey(long value) {

  /**
   * The condition on {@code pg_locks l} that matches a granted lock on a key in the current
   * database; bind {@link #classId()} and then {@link #objId()} to its two parameters.
   */
  static final String PG_LOCKS_MATCH =
      "l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
          + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
          + " AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid";

  static AdvisoryLockKey of(String team, String jobName) {
    return new AdvisoryLockKey(ByteBuffer.wrap(JobDigest.sha256(team, jobName)).getLong());
  }

  long classId() {
    return value >>> 32;
  }

  long objId() {
    return value & 0xFFFF_FFFFL;
  }
}

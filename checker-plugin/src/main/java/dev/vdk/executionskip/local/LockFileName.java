package dev.vdk.executionskip.local;

import dev.vdk.executionskip.backend.JobDigest;
import java.util.HexFormat;

/**
 * The name of a job's lock file: a readable, sanitized prefix made of team and job, then a short
 * hash of the exact (team, job).
 *
 * <p>The prefix is for people listing the directory; only letters, digits, {@code _} and {@code -}
 * survive, so no name can contain a path separator or be {@code .} or {@code ..}, and it is cut so
 * that the whole name stays far below file-system limits. Because sanitizing and cutting map
 * different names to the same prefix ({@code a/b} and {@code a b}), the hash of the exact names
 * is what keeps two jobs apart.
 */
final class LockFileName {
  private static final int MAX_PART_LENGTH = 60;
  /** 12 bytes (96 bits): collisions between real jobs are out of reach, and the name stays short. */
  private static final int HASH_BYTES = 12;

  private LockFileName() {}

  static String of(String team, String jobName) {
    String hash =
        HexFormat.of().formatHex(JobDigest.sha256(team, jobName), 0, HASH_BYTES);
    return sanitize(team) + "--" + sanitize(jobName) + "--" + hash + ".lock";
  }

  private static String sanitize(String part) {
    String readable = part.replaceAll("[^A-Za-z0-9_-]+", "_");
    return readable.length() <= MAX_PART_LENGTH ? readable : readable.substring(0, MAX_PART_LENGTH);
  }
}

package dev.vdk.executionskip.backend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A stable digest of a job's identity (team and job name), for backends that need a short name or
 * number for "this job": the local lock file name, the PostgreSQL advisory lock key.
 *
 * <p>The digest is SHA-256 over this exact encoding (version 1), which must never change, because
 * executions started by different versions of the plugin must agree on it:
 *
 * <pre>
 *   UTF-8("vdk-execution-skip/v1") 0x00
 *   int32 big-endian byte length of UTF-8(team)  UTF-8(team)
 *   int32 big-endian byte length of UTF-8(job)   UTF-8(job)
 * </pre>
 *
 * The length prefixes make it unambiguous: no two different (team, job) pairs share an encoding,
 * whatever characters they contain (a separator character could appear inside a name).
 */
public final class JobDigest {
  private static final byte[] VERSION_1 =
      "vdk-execution-skip/v1\0".getBytes(StandardCharsets.UTF_8);

  private JobDigest() {}

  /** The 32-byte SHA-256 of the version-1 encoding of team and job. */
  public static byte[] sha256(String team, String jobName) {
    byte[] teamBytes = team.getBytes(StandardCharsets.UTF_8);
    byte[] jobBytes = jobName.getBytes(StandardCharsets.UTF_8);
    ByteBuffer encoding =
        ByteBuffer.allocate(VERSION_1.length + 4 + teamBytes.length + 4 + jobBytes.length)
            .put(VERSION_1)
            .putInt(teamBytes.length)
            .put(teamBytes)
            .putInt(jobBytes.length)
            .put(jobBytes);
    try {
      return MessageDigest.getInstance("SHA-256").digest(encoding.array());
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256, so this cannot happen on a conforming JVM.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}

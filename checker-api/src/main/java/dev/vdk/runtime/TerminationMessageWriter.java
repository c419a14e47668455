package dev.vdk.runtime;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.LogConfig;
import dev.vdk.api.OneLine;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the termination message that Kubernetes shows as the container's reason for ending (and
 * that monitoring reads): {@code {"vdk_version": "...", "status": "..."}}, the file truncated, then
 * written. A failed write is logged and never fails the job; for local runs the log line is at
 * debug level, as a developer's machine has no termination log.
 */
public final class TerminationMessageWriter {
  private static final System.Logger LOG = System.getLogger(TerminationMessageWriter.class.getName());

  private final boolean enabled;
  private final Path outputFile;
  private final String vdkVersion;
  private final LogConfig logConfig;

  public TerminationMessageWriter(
      boolean enabled, Path outputFile, String vdkVersion, LogConfig logConfig) {
    this.enabled = enabled;
    this.outputFile = outputFile;
    this.vdkVersion = vdkVersion;
    this.logConfig = logConfig;
  }

  /** The message for a status, exactly as written. */
  public String message(ExecutionStatus status) {
    return "{\"vdk_version\": \"" + jsonEscape(vdkVersion) + "\", \"status\": \"" + status.text() + "\"}";
  }

  /** Writes the message; returns whether it was written. */
  public boolean write(ExecutionStatus status) {
    if (!enabled) {
      return false;
    }
    try {
      Files.writeString(
          outputFile,
          message(status),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(
          logConfig == LogConfig.LOCAL ? Level.DEBUG : Level.WARNING,
          "Could not write the termination message \"" + status.text() + "\" to " + outputFile
              + " (" + e + "); the job's result is unchanged.");
      return false;
    }
  }

  // OneLine's escapes are JSON's: no control, terminal or bidi character reaches the file raw.
  private static String jsonEscape(String text) {
    return OneLine.escapeQuoted(text);
  }
}

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
 * written. A failed write, whatever the path (missing folder, a folder, not a valid path at all),
 * is a warning naming {@code TERMINATION_MESSAGE_WRITER_OUTPUT_FILE} and never fails the job or
 * changes its exit code. Only a local run writing to the default path logs it at debug level, as a
 * developer's machine has no termination log.
 */
public final class TerminationMessageWriter {
  private static final System.Logger LOG = System.getLogger(TerminationMessageWriter.class.getName());

  private final boolean enabled;
  private final String outputFile;
  private final String vdkVersion;
  private final LogConfig logConfig;

  /** @param outputFile as configured; read as a path only when writing, so a bad one is a warning */
  public TerminationMessageWriter(
      boolean enabled, String outputFile, String vdkVersion, LogConfig logConfig) {
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
          Path.of(outputFile),
          message(status),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
      return true;
    } catch (IOException | RuntimeException e) {
      // Escaped: a path that is not valid may hold any character, a NUL or a line break included.
      LOG.log(
          failureLevel(logConfig, outputFile),
          "Could not write the termination message \"" + status.text() + "\" to \"" + jsonEscape(outputFile)
              + "\" (" + RuntimeKeys.TERMINATION_MESSAGE_WRITER_OUTPUT_FILE + "): " + jsonEscape(e.toString())
              + ". The job's result and exit code are unchanged.");
      return false;
    }
  }

  /**
   * Debug only for a local run that writes to the default path, which a developer's machine does
   * not have; a path someone chose is worth a warning wherever the job runs.
   */
  static Level failureLevel(LogConfig logConfig, String outputFile) {
    boolean quiet = logConfig == LogConfig.LOCAL && outputFile.equals(RuntimeKeys.DEFAULT_TERMINATION_LOG);
    return quiet ? Level.DEBUG : Level.WARNING;
  }

  // OneLine's escapes are JSON's: no control, terminal or bidi character reaches the file raw.
  private static String jsonEscape(String text) {
    return OneLine.escapeQuoted(text);
  }
}

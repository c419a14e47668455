package dev.vdk.executionskip.controlservice;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * A logging backend that is not java.util.logging, as a job may install with its own {@link
 * System.LoggerFinder}: every logger, the JDK's own included, logs at every level, and every record
 * is written to stderr with its parameters and its whole stack trace. Used by {@link
 * HeaderTraceProbe} in a child JVM, whose class path carries the service file that selects it.
 */
public final class RecordingLoggerFinder extends System.LoggerFinder {

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Recording(name);
  }

  private record Recording(String name) implements System.Logger {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      StringWriter trace = new StringWriter();
      if (thrown != null) {
        thrown.printStackTrace(new PrintWriter(trace));
      }
      System.err.println("[" + level + "] " + name + ": " + message + " " + trace);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... parameters) {
      String message = parameters == null || parameters.length == 0 ? format : MessageFormat.format(format, parameters);
      log(level, bundle, message, (Throwable) null);
    }
  }
}

package dev.vdk.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every log record of every thread while open, through a handler on the root {@code
 * java.util.logging} logger, where {@link System.Logger} writes by default. Each line holds the
 * level, the logger, the message and the whole chain of the thrown exception's messages, so that a
 * test can assert that a secret appears nowhere.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Level previousLevel = root.getLevel();
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.ALL);
  }

  /** Starts capturing; close to stop. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** The lines captured so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(previousLevel);
  }

  private static String format(LogRecord record) {
    StringBuilder line = new StringBuilder();
    line.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ");
    String message = record.getMessage();
    Object[] parameters = record.getParameters();
    if (message != null && parameters != null && parameters.length > 0) {
      message = java.text.MessageFormat.format(message, parameters);
    }
    line.append(message);
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      line.append(" | ").append(t);
      if (t.getCause() == t) {
        break;
      }
    }
    return line.toString();
  }
}

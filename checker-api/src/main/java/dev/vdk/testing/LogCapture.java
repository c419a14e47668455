package dev.vdk.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
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
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
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
    return lines(record -> true);
  }

  /** The lines of the records that {@code which} accepts. */
  public List<String> lines(Predicate<LogRecord> which) {
    return records.stream().filter(which).map(LogCapture::format).toList();
  }

  /** The records captured so far, for assertions on level or logger. */
  public List<LogRecord> records() {
    return List.copyOf(records);
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

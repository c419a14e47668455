package dev.vdk.executionskip.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every line the backends log while it is open, formatted with its stack trace, at every level.
 * {@link System.Logger} goes to java.util.logging when no other provider is installed, as here.
 */
final class CapturedLogs implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.vdk");
  private final Level previousLevel = logger.getLevel();
  private final List<String> lines = new ArrayList<>();
  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      synchronized (lines) {
        lines.add(formatter.format(record));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  CapturedLogs() {
    handler.setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
  }
}

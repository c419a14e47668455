package dev.vdk.executionskip.controlservice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures everything logged through {@link System.Logger} (which writes to java.util.logging here)
 * by installing a handler on the root logger, at every level, until closed.
 */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger root = Logger.getLogger("");
  private final Level previousLevel = root.getLevel();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  LogCapture() {
    root.setLevel(Level.ALL);
    root.addHandler(this);
  }

  /** Every record formatted in full: level, message with its arguments, and any stack trace. */
  String text() {
    return text(record -> true);
  }

  /** The records {@code which} accepts, formatted as {@link #text()} does. */
  String text(java.util.function.Predicate<LogRecord> which) {
    StringBuilder text = new StringBuilder();
    records.stream().filter(which).forEach(record -> text.append(formatter.format(record)));
    return text.toString();
  }

  List<LogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    root.setLevel(previousLevel);
  }
}

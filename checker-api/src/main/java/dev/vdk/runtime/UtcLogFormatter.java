package dev.vdk.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per log record, stamped in UTC whatever the machine's time zone: {@code
 * 2026-11-29T18:04:05.123Z INFO logger - message}, then the stack trace of a thrown exception, if
 * any. {@link java.util.logging.SimpleFormatter} stamps in the default zone, so a {@code Z} in its
 * format would mark local time as UTC.
 *
 * <p>A job's command line installs it unless logging is configured otherwise; a logging
 * configuration file can name it as a handler's {@code formatter}.
 */
public final class UtcLogFormatter extends Formatter {

  @Override
  public String format(LogRecord record) {
    // Written out rather than with String.format: its first use loads java.util.Formatter and
    // the locale's number symbols, a few milliseconds of the first line of every run. The digits
    // are ASCII whatever the default locale, as a UTC stamp for log tools should be.
    LocalDateTime stamp = LocalDateTime.ofInstant(record.getInstant(), ZoneOffset.UTC);
    StringBuilder line = new StringBuilder(128);
    padded(line, stamp.get(ChronoField.YEAR_OF_ERA), 4).append('-');
    padded(line, stamp.getMonthValue(), 2).append('-');
    padded(line, stamp.getDayOfMonth(), 2).append('T');
    padded(line, stamp.getHour(), 2).append(':');
    padded(line, stamp.getMinute(), 2).append(':');
    padded(line, stamp.getSecond(), 2).append('.');
    padded(line, stamp.getNano() / 1_000_000, 3).append("Z ");
    line.append(record.getLevel().getLocalizedName()).append(' ')
        .append(record.getLoggerName()).append(" - ")
        .append(formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      PrintWriter writer = new PrintWriter(trace);
      writer.println();
      record.getThrown().printStackTrace(writer);
      writer.close();
      line.append(trace);
    }
    return line.append(System.lineSeparator()).toString();
  }

  /** {@code value} with leading zeros up to {@code digits} digits. */
  private static StringBuilder padded(StringBuilder line, int value, int digits) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < digits; i++) {
      line.append('0');
    }
    return line.append(text);
  }
}

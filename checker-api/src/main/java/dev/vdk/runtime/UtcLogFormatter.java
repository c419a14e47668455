package dev.vdk.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
  private static final String FORMAT = "%1$tFT%1$tT.%1$tLZ %2$s %3$s - %4$s%5$s%n";

  @Override
  public String format(LogRecord record) {
    String thrown = "";
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      PrintWriter writer = new PrintWriter(trace);
      writer.println();
      record.getThrown().printStackTrace(writer);
      writer.close();
      thrown = trace.toString();
    }
    return String.format(
        FORMAT,
        ZonedDateTime.ofInstant(record.getInstant(), ZoneOffset.UTC),
        record.getLevel().getLocalizedName(),
        record.getLoggerName(),
        formatMessage(record),
        thrown);
  }
}

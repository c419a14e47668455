package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The line format of a job's log; that the stamp is UTC in any zone is proven by the example job's jar test. */
class UtcLogFormatterTest {

  private static LogRecord record(String message, Object... parameters) {
    LogRecord record = new LogRecord(Level.WARNING, message);
    record.setInstant(Instant.parse("2026-01-02T03:04:05.678912Z"));
    record.setLoggerName("dev.vdk.demo");
    record.setParameters(parameters);
    return record;
  }

  @Test
  void writesOneLineStampedInUtcToTheMillisecond() {
    String line = new UtcLogFormatter().format(record("Loaded {0} records.", 10));

    assertThat(line).isEqualTo("2026-01-02T03:04:05.678Z WARNING dev.vdk.demo - Loaded 10 records." + System.lineSeparator());
  }

  @Test
  void aThrownExceptionFollowsOnTheNextLines() {
    LogRecord record = record("It failed.");
    record.setThrown(new IllegalStateException("bad data"));

    String text = new UtcLogFormatter().format(record);

    assertThat(text).startsWith("2026-01-02T03:04:05.678Z WARNING dev.vdk.demo - It failed." + System.lineSeparator()
        + "java.lang.IllegalStateException: bad data");
    assertThat(text).contains("\tat dev.vdk.runtime.UtcLogFormatterTest");
  }

  @Test
  void writesTheStampAsTheFormatStringDidForAnyInstant() {
    String format = "%1$tFT%1$tT.%1$tLZ %2$s %3$s - %4$s%5$s%n";
    for (String instant : new String[] {
        "1970-01-01T00:00:00Z", "0001-02-03T04:05:06.007Z", "0000-06-01T00:00:00Z", "-0001-06-01T00:00:00Z", "2026-12-31T23:59:59.999999999Z", "9999-09-09T09:09:09.090Z"}) {
      LogRecord record = record("Line.");
      record.setInstant(Instant.parse(instant));

      assertThat(new UtcLogFormatter().format(record))
          .isEqualTo(String.format(java.util.Locale.ROOT, format, java.time.ZonedDateTime.ofInstant(Instant.parse(instant), java.time.ZoneOffset.UTC),
              "WARNING", "dev.vdk.demo", "Line.", ""));
    }
  }
}

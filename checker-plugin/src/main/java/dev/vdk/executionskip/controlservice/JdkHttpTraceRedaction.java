package dev.vdk.executionskip.controlservice;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of the JDK's own HTTP trace. HttpURLConnection, which Feign's default
 * client sends through, logs every request header at FINE on the logger {@value #LOGGER},
 * {@code Authorization} included: an operator who turns FINE on to debug a connection would find
 * every access token in the job's log. A filter on that logger rewrites the value of any {@code
 * Authorization} header in a record to {@code ****} before any handler sees it.
 *
 * <p>Why a filter on that logger: the JDK has no switch that leaves headers out of its trace;
 * raising the logger's level would hide the whole trace, which is what FINE is turned on for; and
 * redacting in handlers would depend on which handlers a job configures. The filter wraps whatever
 * filter was there, so a job's own filter still decides.
 */
final class JdkHttpTraceRedaction {

  static final String LOGGER = "sun.net.www.protocol.http.HttpURLConnection";

  /**
   * Held for the JVM's lifetime on purpose: the LogManager keeps loggers only weakly, and a logger
   * collected before the JDK first asks for it would come back without the filter. The JDK's
   * system logger of that name shares this one's configuration, whichever is made first.
   */
  private static final Logger TRACE = Logger.getLogger(LOGGER);

  /** A header as the JDK prints it ({@code {Authorization: Bearer x}}) or as a raw header line. */
  private static final Pattern CREDENTIAL =
      Pattern.compile("(?i)(authorization:[ \\t]*)[^}\\r\\n]*");

  private JdkHttpTraceRedaction() {}

  /** Installs the filter once; later calls find it in place and do nothing. */
  static void install() {
    synchronized (TRACE) {
      Filter current = TRACE.getFilter();
      if (!(current instanceof RedactingFilter)) {
        TRACE.setFilter(new RedactingFilter(current));
      }
    }
  }

  static String redact(String text) {
    return text == null ? null : CREDENTIAL.matcher(text).replaceAll("$1****");
  }

  private record RedactingFilter(Filter next) implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
      record.setMessage(redact(record.getMessage()));
      Object[] parameters = record.getParameters();
      if (parameters != null) {
        Object[] redacted = parameters.clone();
        for (int i = 0; i < redacted.length; i++) {
          // A header collection is printed with toString(), so it is redacted as that text.
          if (redacted[i] != null && CREDENTIAL.matcher(String.valueOf(redacted[i])).find()) {
            redacted[i] = redact(String.valueOf(redacted[i]));
          }
        }
        record.setParameters(redacted);
      }
      return next == null || next.isLoggable(record);
    }
  }
}

package dev.vdk.executionskip.controlservice.http;

import java.util.logging.Filter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of the JDK's own HTTP trace, whatever logging backend the job uses.
 * HttpURLConnection, which Feign's default client sends through, prints every request header at
 * DEBUG (FINE) on the logger {@value #LOGGER}, {@code Authorization} included, through {@link
 * System.Logger}; there is no switch that leaves headers out. So:
 *
 * <ul>
 *   <li>Under java.util.logging (the JDK's default backend) a filter on that logger rewrites the
 *       value of any {@code Authorization} header to {@code ****} before any handler sees it: the
 *       trace stays usable for debugging a connection. The filter wraps whatever filter was there,
 *       so a job's own filter still decides.
 *   <li>Under any other backend (a job's own {@link System.LoggerFinder}: SLF4J, Log4j...) nothing
 *       can rewrite what the JDK hands to it. Before a request carries a token, {@link
 *       #requireCredentialsUntraced()} asks that backend, for the very logger the JDK uses, whether
 *       DEBUG or TRACE is on; if it is, the token is not handed over and the check fails, naming
 *       the logger to turn down. The error policy then decides, as for any failed check.
 * </ul>
 *
 * <p>Refusing beats sending: a trace is on only because someone turned it on, the message says how
 * to turn it off, and a token printed into a log cannot be taken back.
 */
final class JdkHeaderTrace {

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

  private JdkHeaderTrace() {}

  /** Installs the filter once; later calls find it in place and do nothing. */
  static void install() {
    synchronized (TRACE) {
      Filter current = TRACE.getFilter();
      if (!(current instanceof RedactingFilter)) {
        TRACE.setFilter(new RedactingFilter(current));
      }
    }
  }

  /**
   * Fails unless a request header handed to the JDK now stays out of every log: the trace is off,
   * or it goes to java.util.logging through the filter.
   *
   * @throws ControlServiceException naming the logger to turn down
   */
  static void requireCredentialsUntraced() {
    System.LoggerFinder backend = System.LoggerFinder.getLoggerFinder();
    // The logger the JDK itself gets: asked for on behalf of java.base, as HttpURLConnection asks.
    System.Logger jdkTrace = backend.getLogger(LOGGER, Object.class.getModule());
    boolean traced =
        jdkTrace.isLoggable(System.Logger.Level.DEBUG) || jdkTrace.isLoggable(System.Logger.Level.TRACE);
    if (traced && !redactedByTheFilter(backend)) {
      throw new ControlServiceException(
          "No token was sent: the JDK's HTTP trace (logger " + LOGGER + ") is on at DEBUG"
              + " in a logging backend that the execution-skip plugin cannot redact ("
              + backend.getClass().getName() + "), and it prints every request header. Set that"
              + " logger to INFO or above.");
    }
  }

  /** Whether the JDK's trace goes through java.util.logging's own manager, and so through the filter. */
  private static boolean redactedByTheFilter(System.LoggerFinder backend) {
    return backend.getClass().getModule() == Logger.class.getModule()
        && LogManager.getLogManager().getClass() == LogManager.class
        && TRACE.getFilter() instanceof RedactingFilter;
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

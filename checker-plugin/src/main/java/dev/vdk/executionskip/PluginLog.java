package dev.vdk.executionskip;

import dev.vdk.api.OneLine;
import dev.vdk.api.Redactor;
import java.lang.System.Logger.Level;

/**
 * How the plugin writes its own lines: each one passes the run's {@link Redactor} (no declared
 * secret in any form, no URL credentials), then {@link OneLine#escape} (one line, no control,
 * terminal or bidi character), whatever it quotes from outside: execution ids, holder details,
 * error messages. A failure attached to a line is a redacted copy.
 *
 * <p>The one class of this package that asks for a logger, so that no line can forget either step.
 * Made per run, from the run's redactor, and handed to whatever writes the run's lines.
 */
final class PluginLog {
  private final System.Logger logger;
  private final Redactor redactor;

  /** Lines under {@code source}'s logger, redacted by {@code redactor}. */
  PluginLog(Class<?> source, Redactor redactor) {
    this.logger = System.getLogger(source.getName());
    this.redactor = redactor;
  }

  /** {@code text} as every line of the plugin shows it: redacted, then on one line. */
  String shown(String text) {
    return OneLine.escape(redactor.redact(text));
  }

  void log(Level level, String sentence) {
    logger.log(level, shown(sentence));
  }

  void log(Level level, String sentence, Throwable failure) {
    logger.log(level, shown(sentence), redactor.redact(failure));
  }

  /**
   * Logs the run's {@link DecisionLine}; its reason and id are redacted before the line quotes
   * them, so that every form of a secret is still recognised.
   */
  void decision(DecisionLine line) {
    logger.log(Level.INFO, shown(line.redactedBy(redactor).render()));
  }

  /** The redactor every line passes, for text that leaves the run another way (its result). */
  Redactor redactor() {
    return redactor;
  }
}

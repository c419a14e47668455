package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.testing.JobRunReport;
import java.util.List;

/**
 * Values that a hostile neighbour or a broken server could put where the guard reads outside
 * values (execution ids, lock files, error bodies), and the assertion that output shows them
 * harmlessly: on one line, with no raw control, terminal or bidi character.
 */
public final class HostileText {
  /** A line break that forges a second decision line, a screen wipe, a C1 CSI, a bidi override. */
  public static final String VALUE = "x\r\nexecution_skip_decision decision=run forged\u001b[2J\u009b31m\u202eesrever";

  /** Like {@link #VALUE}, without {@code \n}: what a line-based file can carry. */
  public static final String IN_A_LINE = "x\rforged\u001b[2J\u009b31m\u0085\u202eesrever";

  /** A control, format, line or paragraph separator character, or half a surrogate pair. */
  private static final String RAW_CONTROL = "[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]";

  private HostileText() {}

  /** Fails naming {@code where} if {@code output} has a raw control character of any kind. */
  public static void assertShownHarmlessly(String output, String where) {
    assertThat(output).as("%s, a line of output", where).doesNotContainPattern(RAW_CONTROL);
  }

  /**
   * Fails unless every line that the framework and the plugin logged in a run, the result's message
   * and the termination message are harmless, and the run logged exactly one decision line.
   */
  public static void assertRunShownHarmlessly(JobRunReport report) {
    List<String> ownLines =
        report.logLines().stream().filter(line -> line.split(" ", 3)[1].startsWith("dev.vdk")).toList();
    assertThat(ownLines).isNotEmpty();
    ownLines.forEach(line -> assertShownHarmlessly(line, line));
    assertShownHarmlessly(report.result().message(), "the result's message");
    report.terminationMessage().ifPresent(message -> assertShownHarmlessly(message, "the termination message"));
    assertThat(report.logLinesContaining("ExecutionSkipPlugin: execution_skip_decision ")).hasSize(1);
  }

  /** Like {@link #assertShownHarmlessly}, for output made of lines: only {@code \n} between them. */
  public static void assertLinesShownHarmlessly(String output, String where) {
    for (String line : output.split("\n", -1)) {
      assertShownHarmlessly(line, where);
    }
  }
}

package dev.vdk.executionskip.postgres;

import java.sql.SQLException;

/**
 * How a failed statement or connection is named in a sentence: its SQLSTATE and first line, as
 * the server or driver wrote it (a line that is shown must still be escaped).
 */
public final class SqlFailures {
  private SqlFailures() {}

  /** E.g. {@code SQLSTATE 53300: sorry, too many clients already}. */
  public static String describe(Exception e) {
    return "SQLSTATE " + sqlState(e) + ": " + firstLine(e.getMessage());
  }

  /** The SQLSTATE, or {@code none} for an exception that has none. */
  public static String sqlState(Exception e) {
    return e instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "none";
  }

  /**
   * The driver adds the server's DETAIL, HINT and source location on further lines. A final full
   * stop is left to the sentence the description goes into. Whatever else the line holds is left
   * to whoever shows it, which redacts and escapes it.
   */
  private static String firstLine(String text) {
    String first = text == null ? "" : text.lines().findFirst().orElse("").strip();
    first = first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    return first.isEmpty() ? "no message" : first;
  }
}

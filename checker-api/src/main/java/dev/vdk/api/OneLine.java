package dev.vdk.api;

/**
 * Shows a value that came from outside (an answer of a service, a lock file, a database row, an
 * error body) on one line of output. Line breaks, other control characters and the characters that
 * steer a terminal or the direction of text (ESC, the C1 controls, bidi overrides, line and
 * paragraph separators, other invisible format characters) are written as escapes: {@code \n},
 * {@code \r}, {@code \t}, or {@code \}{@code u} and four hex digits, such as {@code \}{@code
 * u001b}. Everything else is kept as it is.
 *
 * <p>Backslashes are kept as they are, so escaping twice changes nothing: a line may be escaped as
 * a whole although some of its parts were escaped already. The escapes are also JSON's, so JSON
 * text that goes through here stays valid JSON with the same meaning.
 */
public final class OneLine {
  private OneLine() {}

  /** {@code text} with every character that could break or steer a line escaped; "null" for null. */
  public static String escape(String text) {
    if (text == null) {
      return "null";
    }
    if (text.codePoints().noneMatch(OneLine::needsEscape)) {
      return text;
    }
    StringBuilder shown = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> shown.append("\\n");
        case '\r' -> shown.append("\\r");
        case '\t' -> shown.append("\\t");
        default -> {
          if (needsEscape(c)) {
            for (char unit : Character.toChars(c)) {
              shown.append(String.format("\\u%04x", (int) unit));
            }
          } else {
            shown.appendCodePoint(c);
          }
        }
      }
    });
    return shown.toString();
  }

  /**
   * {@link #escape} for text that goes between double quotes (a JSON string, a quoted value of a
   * key=value line): backslashes and double quotes are escaped too, so the text cannot end the
   * quotes early.
   */
  public static String escapeQuoted(String text) {
    return escape(text == null ? null : text.replace("\\", "\\\\").replace("\"", "\\\""));
  }

  private static boolean needsEscape(int codePoint) {
    return switch (Character.getType(codePoint)) {
      // CONTROL: C0, DEL and C1 (ESC and CSI among them). FORMAT: bidi overrides and isolates,
      // zero-width characters. SURROGATE: half a pair, which no terminal shows as meant.
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
      default -> false;
    };
  }
}

package dev.vdk.api;

/**
 * Hides what a URL may carry that is secret: its user-info, its query and its fragment, and the
 * query of an opaque JDBC URL ({@code jdbc:postgresql:jobs?password=x}). See {@link Redactor}.
 *
 * <p>Hand-written scans rather than regular expressions, each in one pass: they run on text from
 * outside (execution ids, error bodies), where a backtracking pattern can be made to take time
 * that grows with the square of the length; a 64 Ki-character id stalled a run for minutes.
 */
final class UrlMasker {
  private static final String AUTHORITY_START = "://";
  private static final String JDBC = "jdbc:";

  /** In free text a space ends a URL; in a value known to be a URL it does not. */
  private final boolean spacesEndUrls;

  private UrlMasker(boolean spacesEndUrls) {
    this.spacesEndUrls = spacesEndUrls;
  }

  /**
   * Masks every URL in free text: the user-info is everything from {@code ://} up to the last
   * {@code @} before a space, even across a {@code ?} or {@code #}, so a password that holds one
   * of them unencoded is still hidden whole.
   */
  static String maskInText(String text) {
    return new UrlMasker(true).mask(text);
  }

  /**
   * Masks a value known to be a URL, such as a refused setting: the user-info is everything from
   * {@code ://} up to the last {@code @} of the whole value, spaces included.
   */
  static String maskValue(String url) {
    return new UrlMasker(false).mask(url);
  }

  private String mask(String text) {
    return maskOpaqueJdbcQueries(maskAuthorities(text));
  }

  private String maskAuthorities(String text) {
    StringBuilder shown = null;
    int copied = 0;
    int from = 0;
    // The run of text up to the next space, and its last '@': found once per run, however many
    // "://" it holds, so that the whole pass stays linear.
    int runEnd = -1;
    int lastAtInRun = -1;
    int separator;
    while ((separator = text.indexOf(AUTHORITY_START, from)) >= 0) {
      int authority = separator + AUTHORITY_START.length();
      if (authority >= runEnd) {
        runEnd = authority;
        lastAtInRun = -1;
        while (runEnd < text.length() && !endsUrl(text.charAt(runEnd))) {
          if (text.charAt(runEnd) == '@') {
            lastAtInRun = runEnd;
          }
          runEnd++;
        }
      }
      boolean userInfo = lastAtInRun >= authority;
      int hostStart = userInfo ? lastAtInRun + 1 : authority;
      int hostEnd = skip(text, hostStart, "?#'\"<>`");
      int end = hostEnd;
      boolean query = end < text.length() && text.charAt(end) == '?';
      if (query) {
        end = skip(text, end + 1, "#'\"<>`");
      }
      boolean fragment = end < text.length() && text.charAt(end) == '#';
      if (fragment) {
        end = skip(text, end + 1, "'\"<>`");
      }
      if (userInfo || query || fragment) {
        if (shown == null) {
          shown = new StringBuilder(text.length());
        }
        shown.append(text, copied, authority)
            .append(userInfo ? Redactor.MASK + "@" : "")
            .append(text, hostStart, hostEnd)
            .append(query ? "?" + Redactor.MASK : "")
            .append(fragment ? "#" + Redactor.MASK : "");
        copied = end;
      }
      from = end;
    }
    return shown == null ? text : shown.append(text, copied, text.length()).toString();
  }

  /** {@code jdbc:sub:rest?query}, not followed by "//" after the sub-protocol: the query masked. */
  private String maskOpaqueJdbcQueries(String text) {
    StringBuilder shown = null;
    int copied = 0;
    int at = 0;
    while (at <= text.length() - JDBC.length()) {
      if (!text.regionMatches(true, at, JDBC, 0, JDBC.length())
          || (at > 0 && isWordChar(text.charAt(at - 1)))) {
        at++;
        continue;
      }
      int subEnd = at + JDBC.length();
      while (subEnd < text.length() && isAsciiLetterOrDigit(text.charAt(subEnd))) {
        subEnd++;
      }
      if (subEnd == at + JDBC.length() || subEnd >= text.length() || text.charAt(subEnd) != ':'
          || text.startsWith("//", subEnd + 1)) {
        // No "jdbc:" starts inside the sub-protocol's letters and digits.
        at = Math.max(subEnd, at + 1);
        continue;
      }
      int restEnd = skip(text, subEnd + 1, "?'\"<>`");
      if (restEnd >= text.length() || text.charAt(restEnd) != '?') {
        // Every "jdbc:" inside the rest would end at the same place, again without a query.
        at = restEnd;
        continue;
      }
      int queryEnd = skip(text, restEnd + 1, "'\"<>`");
      if (shown == null) {
        shown = new StringBuilder(text.length());
      }
      shown.append(text, copied, restEnd).append('?').append(Redactor.MASK);
      copied = queryEnd;
      at = queryEnd;
    }
    return shown == null ? text : shown.append(text, copied, text.length()).toString();
  }

  /** The index of the first character from {@code from} that ends the URL or is one of {@code stops}. */
  private int skip(String text, int from, String stops) {
    int at = from;
    while (at < text.length() && !endsUrl(text.charAt(at)) && stops.indexOf(text.charAt(at)) < 0) {
      at++;
    }
    return at;
  }

  /** A space, tab or line break: what {@code \s} means in a regular expression. */
  private boolean endsUrl(char c) {
    return spacesEndUrls && isSpace(c);
  }

  /** Whether {@code c} ends a URL in free text (a space, tab or line break), and nothing else does. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}

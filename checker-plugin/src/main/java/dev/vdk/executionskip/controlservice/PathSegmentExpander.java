package dev.vdk.executionskip.controlservice;

import feign.Param;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a value as exactly one URL path segment (RFC 3986): every byte outside the
 * unreserved set is encoded, so {@code /}, {@code ?}, {@code #}, space and {@code %} can never
 * change the path. A segment of dots only is encoded too, since {@code .} and {@code ..} would be
 * removed by path normalisation.
 */
public final class PathSegmentExpander implements Param.Expander {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  @Override
  public String expand(Object value) {
    return encode(String.valueOf(value));
  }

  /** The value as one encoded path segment; an empty value is refused, it would drop a segment. */
  public static String encode(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("A path segment cannot be empty.");
    }
    boolean dotsOnly = true;
    for (int i = 0; i < value.length() && dotsOnly; i++) {
      dotsOnly = value.charAt(i) == '.';
    }
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (isUnreserved(c) && !(dotsOnly && c == '.')) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return encoded.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}

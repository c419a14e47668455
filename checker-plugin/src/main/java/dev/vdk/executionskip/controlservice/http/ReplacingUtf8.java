package dev.vdk.executionskip.controlservice.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The bytes of a UTF-8 answer with every sequence that is not UTF-8 replaced by U+FFFD, as the
 * JDK's decoder replaces it. jackson-core's UTF-8 parser refuses such bytes, even in a field the
 * check skips, where the check has always read an answer with, say, one stray Latin-1 byte: it
 * decodes with the JDK and encodes back, so valid UTF-8 comes out unchanged.
 */
final class ReplacingUtf8 extends InputStream {

  private static final int REPLACEMENT = 0xFFFD;

  private final Reader chars;
  private final char[] decoded = new char[1024];
  /** Room for a chunk of decoded characters as UTF-8: at most three bytes each. */
  private final byte[] encoded = new byte[3 * 1024 + 4];
  private int next;
  private int end;
  /** A high surrogate whose low half comes with the next chunk, or -1. */
  private int carriedHigh = -1;

  ReplacingUtf8(InputStream in) {
    // An InputStreamReader's decoder replaces what is not UTF-8; it does not strip a byte order mark.
    this(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Over characters already decoded; a reader may hand out half of a surrogate pair at a time. */
  ReplacingUtf8(Reader chars) {
    this.chars = chars;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    while (next == end) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(length, end - next);
    System.arraycopy(encoded, next, buffer, offset, n);
    next += n;
    return n;
  }

  @Override
  public int available() throws IOException {
    return end - next;
  }

  @Override
  public void close() throws IOException {
    chars.close();
  }

  /** Encodes the next decoded characters; false at the end. May encode none (a carried surrogate). */
  private boolean fill() throws IOException {
    next = 0;
    end = 0;
    int count = chars.read(decoded, 0, decoded.length);
    if (count < 0) {
      if (carriedHigh < 0) {
        return false;
      }
      carriedHigh = -1;
      put(REPLACEMENT);
      return true;
    }
    for (int i = 0; i < count; i++) {
      encode(decoded[i]);
    }
    return true;
  }

  private void encode(char c) {
    if (carriedHigh >= 0) {
      int high = carriedHigh;
      carriedHigh = -1;
      if (Character.isLowSurrogate(c)) {
        put(Character.toCodePoint((char) high, c));
        return;
      }
      put(REPLACEMENT);
    }
    if (Character.isHighSurrogate(c)) {
      carriedHigh = c;
    } else {
      put(Character.isLowSurrogate(c) ? REPLACEMENT : c);
    }
  }

  private void put(int codePoint) {
    if (codePoint < 0x80) {
      encoded[end++] = (byte) codePoint;
    } else if (codePoint < 0x800) {
      encoded[end++] = (byte) (0xC0 | codePoint >> 6);
      encoded[end++] = (byte) (0x80 | codePoint & 0x3F);
    } else if (codePoint < 0x10000) {
      encoded[end++] = (byte) (0xE0 | codePoint >> 12);
      encoded[end++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
      encoded[end++] = (byte) (0x80 | codePoint & 0x3F);
    } else {
      encoded[end++] = (byte) (0xF0 | codePoint >> 18);
      encoded[end++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
      encoded[end++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
      encoded[end++] = (byte) (0x80 | codePoint & 0x3F);
    }
  }
}

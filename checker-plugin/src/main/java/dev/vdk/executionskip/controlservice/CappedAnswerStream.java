package dev.vdk.executionskip.controlservice;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An answer body read as a stream: it fails with {@link TooLarge} as soon as more than {@code
 * maxBytes} have come, and it keeps its first bytes, so that an error about the answer can quote
 * the start of it without the whole answer ever being held.
 */
final class CappedAnswerStream extends FilterInputStream {

  /** More than {@code maxBytes} came. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long maxBytes) {
      super("The answer goes on past " + maxBytes + " bytes.");
    }
  }

  private final long maxBytes;
  private final byte[] head;
  private int headLength;
  private long count;

  CappedAnswerStream(InputStream in, long maxBytes, int headBytes) {
    super(in);
    this.maxBytes = maxBytes;
    this.head = new byte[headBytes];
  }

  /** The first bytes read, at most {@code headBytes} of them. */
  byte[] head() {
    return Arrays.copyOf(head, headLength);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    // One byte past the cap is enough to tell "exactly at the cap" from "over it".
    int n = super.read(buffer, offset, (int) Math.min(length, maxBytes + 1 - count));
    if (n <= 0) {
      return n;
    }
    int kept = Math.min(n, head.length - headLength);
    System.arraycopy(buffer, offset, head, headLength, kept);
    headLength += kept;
    count += n;
    if (count > maxBytes) {
      throw new TooLarge(maxBytes);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes count too; reading them is the simplest way to count them.
    byte[] buffer = new byte[(int) Math.min(n, 8192)];
    int read = read(buffer, 0, buffer.length);
    return Math.max(read, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}

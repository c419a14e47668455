package dev.vdk.executionskip.controlservice.http;

import dev.vdk.executionskip.backend.Deadline;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.InflaterInputStream;

/**
 * An answer body as a check reads it. It fails with {@link TooLarge} as soon as more than {@code
 * maxBytes} have come, so a broken or hostile server cannot fill the job's memory; with {@link
 * DeadlinePassed} at the first read after the check's deadline, since a read timeout bounds each
 * read but not the body, and a server that dribbles a byte at a time would otherwise hold the
 * check for as long as it likes. It keeps its first bytes, so that an error about the answer can
 * quote the start of it without the whole answer ever being held.
 */
final class AnswerStream extends FilterInputStream {

  /** More than {@code maxBytes} came. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long maxBytes) {
      super("The answer goes on past " + maxBytes + " bytes.");
    }
  }

  /** The check's deadline passed while the answer was still being read. */
  static final class DeadlinePassed extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlinePassed() {
      super("The check's deadline passed while the answer was being read.");
    }
  }

  private final long maxBytes;
  private final Deadline deadline;
  private final byte[] head;
  /** The body's length as the server announced it, -1 when it did not (see {@link #headIsWhole}). */
  private final long announced;
  private int headLength;
  private long count;
  private boolean ended;

  /**
   * @param headBytes how many of the first bytes to keep for {@link #head()}
   * @param announced the length the server announced for the body as read, -1 when it announced
   *     none or the body is encoded (what is read then is not what was counted)
   */
  AnswerStream(InputStream in, long maxBytes, Deadline deadline, int headBytes, long announced) {
    super(in);
    this.maxBytes = maxBytes;
    this.deadline = deadline;
    this.head = new byte[headBytes];
    this.announced = announced;
  }

  /** The first bytes read, at most {@code headBytes} of them. */
  byte[] head() {
    return Arrays.copyOf(head, headLength);
  }

  /**
   * Whether {@link #head()} is the whole answer: its end was read, all of it is kept, and it is as
   * long as the server announced. A connection that closes early ends a body as quietly as its
   * true end, so without an announced length nothing is whole.
   */
  boolean headIsWhole() {
    return ended && count == headLength && count == announced;
  }

  /**
   * None for a body that is inflated on the way (gzip, deflate): an inflating stream answers 1
   * until its end, whether or not a byte has come, so nothing may be read on its word.
   */
  @Override
  public int available() throws IOException {
    return in instanceof InflaterInputStream ? 0 : super.available();
  }

  /**
   * Reads on, discarding, what has already come of the answer, until the first bytes are all kept,
   * so that an error quotes the start of an answer however little of it a parser needed to give
   * up. It never waits for more: an answer that stalls is reported with what came. Within the cap
   * and the deadline like any read; a read that fails stops it.
   */
  void readRestOfHead() {
    byte[] discarded = new byte[head.length];
    try {
      while (headLength < head.length && available() > 0) {
        if (read(discarded, 0, Math.min(available(), head.length - headLength)) <= 0) {
          return;
        }
      }
    } catch (IOException e) {
      // Past the deadline or the cap, or a broken connection: the head is what came before.
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (deadline.passed()) {
      throw new DeadlinePassed();
    }
    // One byte past the cap is enough to tell "exactly at the cap" from "over it".
    int n = super.read(buffer, offset, (int) Math.min(length, maxBytes + 1 - count));
    if (n < 0) {
      ended = true;
    }
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

package dev.vdk.executionskip.controlservice;

import feign.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * An answer body that stops being read once the check's deadline has passed. A read timeout bounds
 * each read, not the body: a server that sends its headers and then one byte every few hundred
 * milliseconds would otherwise keep the check's thread reading, and holding whatever it holds (the
 * token exchange's lock), for as long as it likes.
 */
final class DeadlineBoundBody implements Response.Body {

  private final Response.Body delegate;
  private final CallDeadline deadline;
  private final String reading;

  /** @param reading what reading this body is, in words that complete "while ..." */
  DeadlineBoundBody(Response.Body delegate, CallDeadline deadline, String reading) {
    this.delegate = delegate;
    this.deadline = deadline;
    this.reading = reading;
  }

  @Override
  public Integer length() {
    return delegate.length();
  }

  @Override
  public boolean isRepeatable() {
    return delegate.isRepeatable();
  }

  @Override
  public InputStream asInputStream() throws IOException {
    return new FilterInputStream(delegate.asInputStream()) {
      @Override
      public int read() throws IOException {
        beforeRead();
        return super.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        beforeRead();
        return super.read(buffer, offset, length);
      }

      @Override
      public long skip(long count) throws IOException {
        beforeRead();
        return super.skip(count);
      }
    };
  }

  @Override
  public Reader asReader(Charset charset) throws IOException {
    return new InputStreamReader(asInputStream(), charset);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  /**
   * Fails once the deadline has passed. The cause is the check's own deadline error, which {@link
   * ControlServiceFailures#translate} finds in the chain, so the check says what it was reading.
   */
  private void beforeRead() throws IOException {
    deadline.doing(reading);
    if (deadline.remaining().isZero()) {
      InterruptedIOException passed =
          new InterruptedIOException("The check's deadline passed while " + reading + ".");
      passed.initCause(deadline.exceeded());
      throw passed;
    }
  }
}

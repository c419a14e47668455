package dev.vdk.executionskip.controlservice.http;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;

/** A body that hands out one byte per read, as a slow network may, and nothing once closed, as a socket. */
public final class OneByteAtATime extends FilterInputStream {
  private boolean closed;

  public OneByteAtATime(byte[] bytes) {
    super(new ByteArrayInputStream(bytes));
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("Stream closed");
    }
    return super.read(b, off, Math.min(len, 1));
  }

  @Override
  public void close() {
    closed = true;
  }
}

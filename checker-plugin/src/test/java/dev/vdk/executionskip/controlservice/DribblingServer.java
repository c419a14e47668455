package dev.vdk.executionskip.controlservice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that answers its first connection with headers and then a body of one
 * space every {@link #DRIBBLE_MILLIS} ms, for ever, and every later connection at once with {@code
 * answer}. It notices when the client hangs up on the dribble: the next write fails.
 */
final class DribblingServer implements AutoCloseable {

  static final long DRIBBLE_MILLIS = 200;

  private final ServerSocket socket;
  private final String answer;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final CountDownLatch dribbling = new CountDownLatch(1);
  private final CountDownLatch hungUp = new CountDownLatch(1);

  DribblingServer(String answer) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.answer = answer;
    threads.execute(this::accept);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  /** Counted down once the first connection's headers are out and its body is dribbling. */
  CountDownLatch dribbling() {
    return dribbling;
  }

  /** Counted down once the client has hung up on the dribbled body. */
  CountDownLatch hungUp() {
    return hungUp;
  }

  int accepted() {
    return accepted.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connections.add(connection);
        boolean first = accepted.incrementAndGet() == 1;
        threads.execute(() -> serve(connection, first));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection, boolean first) {
    try (connection) {
      readHeaders(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      if (first) {
        dribble(out);
      } else {
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      }
    } catch (IOException | InterruptedException stopped) {
      // Closed by close(), or the client went away.
    }
  }

  /** No Content-Length: the body lasts until the connection ends. */
  private void dribble(OutputStream out) throws InterruptedException {
    try {
      out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      dribbling.countDown();
      while (!Thread.currentThread().isInterrupted()) {
        out.write(' ');
        out.flush();
        Thread.sleep(DRIBBLE_MILLIS); // the server's pace, not the test's synchronisation
      }
    } catch (IOException clientWentAway) {
      if (!socket.isClosed()) {
        hungUp.countDown();
      }
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("The request ended before its headers did.");
      }
      matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : connections) {
      connection.close();
    }
    threads.shutdownNow();
  }
}

package dev.vdk.executionskip.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the Control Service on loopback: answers every {@code GET} of a job's executions
 * ({@code /data-jobs/for-team/<team>/jobs/<job>/executions}) with one fixed JSON body, and 404
 * otherwise. Used by the client benchmark in-process, and by {@code cold-start.sh} as its own
 * process ({@code java -cp benchmarks.jar dev.vdk.executionskip.bench.LoopbackControlService}),
 * which prints {@code port=<n>} once it listens.
 *
 * <p>Run it with {@code -Dsun.net.httpserver.nodelay=true}: the JDK server writes headers and body
 * separately, and with Nagle's algorithm on, the client's delayed ACK adds about 40 ms to every
 * answer, which a real Control Service does not, and which would hide everything measured.
 */
public final class LoopbackControlService implements AutoCloseable {
  /** One execution in the full OpenAPI shape, as a realistic small answer. */
  public static final String ONE_EXECUTION =
      "[" + ExecutionsJson.execution(0) + "]";

  private final HttpServer server;
  private final ExecutorService executor;

  private LoopbackControlService(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on 127.0.0.1 ({@code port} 0: any free port) answering {@code body}. */
  public static LoopbackControlService start(int port, String body) throws IOException {
    if (!Boolean.getBoolean("sun.net.httpserver.nodelay")) {
      System.err.println(
          "LoopbackControlService: -Dsun.net.httpserver.nodelay=true is not set; every answer"
              + " will wait about 40 ms for a delayed ACK.");
    }
    byte[] answer = body.getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.createContext(
        "/data-jobs/for-team/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            boolean executions = exchange.getRequestMethod().equals("GET")
                && exchange.getRequestURI().getRawPath().endsWith("/executions");
            if (!executions) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          }
        });
    // Two threads: the default (the dispatcher itself) would serialise the benchmark's requests
    // behind the server's own bookkeeping.
    ExecutorService executor = Executors.newFixedThreadPool(2);
    server.setExecutor(executor);
    server.start();
    return new LoopbackControlService(server, executor);
  }

  /** The base URL, as {@code CONTROL_SERVICE_REST_API_URL} takes it. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The URL the plugin's client asks for the executions of {@code team}'s {@code job}. */
  public URI executionsUrl(String team, String job) {
    return baseUrl().resolve(
        "/data-jobs/for-team/" + team + "/jobs/" + job
            + "/executions?execution_status=submitted&execution_status=running");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** {@code [port [body]]}: defaults to any free port and the answer {@code []}. */
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    String body = args.length > 1 ? args[1] : "[]";
    LoopbackControlService service = start(port, body);
    System.out.println("port=" + service.server.getAddress().getPort());
    System.out.flush();
  }
}

package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.backend.Deadline;
import dev.vdk.executionskip.backend.ExecutionRequest;
import feign.Client;
import feign.DefaultClient;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Makes one Control Service check against a canned answer held in memory, so that the classes a
 * real check goes through are loaded, verified and initialised before it starts: Feign's request
 * and response types, the HTTP transport, the JDK's HTTP client, jackson-core's parser, the answer
 * reader, the decision and java.time's parser of start times. Nothing leaves the JVM (no request,
 * no name lookup: the address is a literal; the one socket it opens is closed unconnected) and
 * nothing is logged; no state is kept.
 *
 * <p>Run by the plugin on a background thread while the framework reads the job's configuration
 * (see {@code BackgroundPreload}); a check on any backend is as correct without it, only slower to
 * start.
 */
public final class ControlServiceWarmUp implements Client {

  /** Never contacted: the canned client answers instead, and no name is looked up. */
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9/api");

  /** One execution with every kind of JSON value, so every path of the reader runs. */
  private static final byte[] ANSWER =
      ("[{\"id\": \"warm-up-1\", \"status\": \"running\", \"start_time\": \"2021-09-24T14:14:03.922Z\","
              + " \"started_by\": \"manual\", \"deployment\": {\"enabled\": true, \"cpu\": 0.5,"
              + " \"schedule\": [null, 1]}}]")
          .getBytes(StandardCharsets.UTF_8);

  private ControlServiceWarmUp() {}

  /** Runs the check once; any failure is ignored by the caller, as the real check will report it. */
  public static void run() throws IOException {
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(NOWHERE).withCheckDeadline(Duration.ofSeconds(10));
    Clock clock = Clock.systemUTC();
    ControlServiceClient client =
        new ControlServiceClient(settings, clock, duration -> {}, new ControlServiceWarmUp());
    ExecutionRequest request = new ExecutionRequest("team", "job", "job-1", "job-1-abcde");
    ActiveExecutions executions =
        client.fetch(request.team(), request.jobName(), Deadline.after(settings.checkDeadline(), clock), "0");
    new ControlServiceBackend(client, true).decide(executions, request);
    new ControlServiceBackend(client, false).decide(executions, request);
    // The JDK's HTTP client: made and set up as Feign's client does, but never connected; then
    // what a connection goes through first: the proxy selector, an address, a socket of its own.
    HttpURLConnection connection = (HttpURLConnection) NOWHERE.toURL().openConnection();
    connection.setConnectTimeout(1);
    connection.setReadTimeout(1);
    connection.setInstanceFollowRedirects(false);
    connection.setRequestMethod("GET");
    connection.addRequestProperty("Accept", "application/json");
    new DefaultClient(null, null);
    ProxySelector.getDefault().select(NOWHERE);
    InetAddress.getByName(NOWHERE.getHost());
    try (Socket unconnected = new Socket()) {
      unconnected.setSoTimeout(1);
    }
  }

  /** The canned answer, for any request. */
  @Override
  public Response execute(Request request, Request.Options options) {
    Map<String, Collection<String>> headers =
        Map.of("Content-Type", List.of("application/json"), "Content-Length", List.of(String.valueOf(ANSWER.length)));
    return Response.builder()
        .status(200)
        .reason("OK")
        .headers(headers)
        .request(request)
        .body(ANSWER)
        .build();
  }
}

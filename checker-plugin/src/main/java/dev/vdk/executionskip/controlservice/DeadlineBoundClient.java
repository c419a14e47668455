package dev.vdk.executionskip.controlservice;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends each attempt with its timeouts cut to the time the check has left, so that no single
 * connect or read can outlive the check's deadline, stops reading the answer body once the deadline
 * has passed ({@link DeadlineBoundBody}), and never follows a redirect (the {@code
 * Authorization} header must not travel to whatever host a {@code Location} names).
 */
final class DeadlineBoundClient implements Client {

  private final Client delegate;
  private final CheckScope checks;

  DeadlineBoundClient(Client delegate, CheckScope checks) {
    this.delegate = delegate;
    this.checks = checks;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    CallDeadline deadline = checks.current().deadline();
    deadline.check();
    Duration left = deadline.remaining();
    Request.Options bounded =
        new Request.Options(
            clamp(options.connectTimeoutMillis(), left),
            TimeUnit.MILLISECONDS,
            clamp(options.readTimeoutMillis(), left),
            TimeUnit.MILLISECONDS,
            false);
    URI uri = URI.create(request.url());
    String call = request.httpMethod() + " " + uri.getRawPath();
    deadline.doing("waiting for " + uri.getHost() + " to answer " + call);
    Response response = delegate.execute(request, bounded);
    if (response.body() == null) {
      return response;
    }
    // The timeouts above bound each read; this bounds the whole body by the deadline.
    return response.toBuilder()
        .body(
            new DeadlineBoundBody(
                response.body(),
                deadline,
                "reading the answer to " + call + " from " + uri.getHost()))
        .build();
  }

  /** At least 1 ms: HttpURLConnection reads a timeout of 0 as "wait forever". */
  private static long clamp(long timeoutMillis, Duration left) {
    return Math.max(1, Math.min(timeoutMillis, left.toMillis()));
  }
}

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
 * connect or read can outlive the check's deadline, and never follows a redirect (the {@code
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
    deadline.doing(
        "waiting for " + uri.getHost() + " to answer " + request.httpMethod() + " "
            + uri.getRawPath());
    return delegate.execute(request, bounded);
  }

  /** At least 1 ms: HttpURLConnection reads a timeout of 0 as "wait forever". */
  private static long clamp(long timeoutMillis, Duration left) {
    return Math.max(1, Math.min(timeoutMillis, left.toMillis()));
  }
}

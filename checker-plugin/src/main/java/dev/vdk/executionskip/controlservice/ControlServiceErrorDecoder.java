package dev.vdk.executionskip.controlservice;

import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.codec.ErrorDecoder;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Turns an answer that is not 2xx into an exception: 500, 502, 503 and 504 into a {@link
 * RetryableException} (the statuses the reference retries), a redirect into an error naming where
 * it pointed, anything else into a {@link ControlServiceException}. Messages name the URL path and
 * the status and quote a short excerpt of the body; for the token endpoint, whose answers may echo
 * the token, they quote only its OAuth error code (see {@link OAuthErrorCode}).
 */
final class ControlServiceErrorDecoder implements ErrorDecoder {

  static final Set<Integer> RETRYABLE_STATUSES = Set.of(500, 502, 503, 504);

  private final Collection<String> secrets;
  private final boolean tokenEndpoint;

  /**
   * @param secrets redacted from every excerpt, in case a server echoes them
   * @param tokenEndpoint whether the answers are the token endpoint's: no excerpt, the error code only
   */
  ControlServiceErrorDecoder(Collection<String> secrets, boolean tokenEndpoint) {
    this.secrets = List.copyOf(secrets);
    this.tokenEndpoint = tokenEndpoint;
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    int status = response.status();
    Request request = response.request();
    String call = describe(request);
    if (status >= 300 && status < 400) {
      return new ControlServiceException(
          call + " was answered with HTTP " + status + ", a redirect to "
              + locationHost(response) + ". Redirects are not followed, so that the access token"
              + " is never sent to another host; configure the final URL instead.",
          status,
          null);
    }
    String message =
        tokenEndpoint
            ? "the token endpoint answered HTTP " + status + " "
                + OAuthErrorCode.of(response, BodyExcerpt.secretsOf(request, secrets))
            : call + " was answered with HTTP " + status + ": " + BodyExcerpt.read(response, secrets);
    if (RETRYABLE_STATUSES.contains(status)) {
      return new RetryableException(status, message, request.httpMethod(), (Long) null, request);
    }
    return new ControlServiceException(message, status, null);
  }

  /** "GET /path" of a request: the path only, never the query or any credentials. */
  static String describe(Request request) {
    return request.httpMethod() + " " + URI.create(request.url()).getRawPath();
  }

  private static String locationHost(Response response) {
    return ResponseHeaders.first(response, "Location")
        .map(ControlServiceErrorDecoder::hostOf)
        .orElse("no location");
  }

  private static String hostOf(String location) {
    try {
      String host = URI.create(location).getHost();
      return host == null ? "another path on the same host" : "host " + host;
    } catch (IllegalArgumentException e) {
      return "a location that is not a valid URI";
    }
  }
}

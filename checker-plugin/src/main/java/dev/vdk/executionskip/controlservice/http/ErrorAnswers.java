package dev.vdk.executionskip.controlservice.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vdk.api.Redactor;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the check says when a request gets no usable answer. Every message names the call (method
 * and path: never the query or credentials) and the status when there was one; it quotes a short
 * excerpt of the body with every secret hidden, except for the token endpoint, whose answers are
 * secret: of those only the OAuth error code is shown. A redirect names the host it points to.
 */
final class ErrorAnswers {

  private ErrorAnswers() {}

  /** "GET /path" of a request. */
  static String describe(Request request) {
    return request.httpMethod() + " " + URI.create(request.url()).getRawPath();
  }

  /** No answer came: the connection failed, or the server did not answer in time. */
  static ControlServiceException noAnswer(Request request, IOException failure) {
    // The JDK's messages quote no header, but the URL here may hold user-info and a query.
    return new ControlServiceException(
        "The Control Service could not be asked: "
            + Redactor.withoutSecrets().redact(
                failure.getMessage() + " executing " + request.httpMethod() + " " + request.url()),
        -1,
        Redactor.withoutSecrets().redact(failure));
  }

  /** An answer that is not 2xx; {@code head} is the start of its body. */
  static ControlServiceException status(
      Response response, ControlServiceHttp.Kind kind, byte[] head, boolean whole, Collection<String> configuredSecrets) {
    int status = response.status();
    String call = describe(response.request());
    if (status >= 300 && status < 400) {
      return new ControlServiceException(
          call + " was answered with HTTP " + status + ", a redirect to " + locationHost(response)
              + ". Redirects are not followed, so that the access token is never sent to another"
              + " host; configure the final URL instead.",
          status,
          null);
    }
    List<String> secrets = BodyExcerpt.secretsOf(response.request(), configuredSecrets);
    String message =
        kind == ControlServiceHttp.Kind.TOKEN_EXCHANGE
            ? "the token endpoint answered HTTP " + status + " " + OAuthErrorCode.of(head, secrets)
            : call + " was answered with HTTP " + status + ": " + BodyExcerpt.of(head, whole, secrets);
    return new ControlServiceException(message, status, null);
  }

  /**
   * A 2xx answer that is not the JSON expected.
   *
   * @param what what is wrong, in words for the user
   * @param head the answer's first bytes, quoted (secrets hidden) unless the answer is secret
   * @param whole whether {@code head} is all of the answer; if not, it is quoted short of any secret it may cut
   */
  static ControlServiceException notTheJsonExpected(
      Response response,
      ControlServiceHttp.Kind kind,
      String what,
      byte[] head,
      boolean whole,
      Throwable cause,
      Collection<String> configuredSecrets) {
    String quoted =
        kind == ControlServiceHttp.Kind.READ
            ? ": " + BodyExcerpt.of(head, whole, BodyExcerpt.secretsOf(response.request(), configuredSecrets))
            : "";
    return new ControlServiceException(
        "The answer to " + describe(response.request()) + " (HTTP " + response.status()
            + ", Content-Type " + header(response, "Content-Type").orElse("(none)")
            + ") is not the JSON expected (" + what + ")" + quoted,
        response.status(),
        cause);
  }

  /** An answer over the size cap; {@code how} says how that was told. */
  static ControlServiceException tooLarge(Response response, String how, long maxBytes) {
    return new ControlServiceException(
        "The answer to " + describe(response.request()) + " (HTTP " + response.status() + ") " + how
            + ", more than the " + maxBytes + " bytes allowed; it was refused.",
        response.status(),
        null);
  }

  /** An answer whose body could not be read to its end. */
  static ControlServiceException unreadable(Response response, IOException failure) {
    return new ControlServiceException(
        "The answer to " + describe(response.request()) + " (HTTP " + response.status()
            + ") could not be read: " + Redactor.withoutSecrets().redact(failure.getMessage()),
        response.status(),
        Redactor.withoutSecrets().redact(failure));
  }

  /** Where in the answer a parser stopped, as words to append, or nothing. */
  static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return location == null || location.getLineNr() < 1
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Content-Length, or -1 when absent or unreadable (the stream's cap still applies then). */
  static long contentLength(Response response) {
    Optional<String> announced = header(response, "Content-Length");
    try {
      return announced.isPresent() ? Long.parseLong(announced.get()) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String locationHost(Response response) {
    Optional<String> location = header(response, "Location");
    if (location.isEmpty()) {
      return "no location";
    }
    try {
      String host = URI.create(location.get()).getHost();
      return host == null ? "another path on the same host" : "host " + host;
    } catch (IllegalArgumentException e) {
      return "a location that is not a valid URI";
    }
  }

  /** A response header by name, ignoring case as HTTP does. */
  static Optional<String> header(Response response, String name) {
    for (Map.Entry<String, Collection<String>> header : response.headers().entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
        return header.getValue().stream().findFirst();
      }
    }
    return Optional.empty();
  }
}

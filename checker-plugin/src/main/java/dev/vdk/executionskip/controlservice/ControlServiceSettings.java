package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.controlservice.http.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the Control Service, with the reference client's keys and defaults, plus a deadline
 * for the whole check and a cap on the size of an answer (improvements on the reference, whose
 * defaults can hold a job's start for 900 s per read attempt).
 *
 * @param restApiUrl the base URL without {@code /data-jobs} ({@code CONTROL_SERVICE_REST_API_URL})
 * @param apiToken the API token ({@code API_TOKEN}); secret, so {@link #toString()} hides it
 * @param tokenUrl where the API token is exchanged for an access token ({@code
 *     API_TOKEN_AUTHORIZATION_URL})
 * @param verifySsl whether TLS certificates and host names are checked ({@code
 *     CONTROL_HTTP_VERIFY_SSL})
 * @param connectTimeout per attempt ({@code CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS})
 * @param readTimeout per attempt ({@code CONTROL_HTTP_READ_TIMEOUT_SECONDS})
 * @param connectRetries retries after a failed connection ({@code CONTROL_HTTP_CONNECT_RETRIES})
 * @param readRetries retries after a failed or timed-out read ({@code CONTROL_HTTP_READ_RETRIES})
 * @param totalRetries retries of any kind, 5xx answers included ({@code
 *     CONTROL_HTTP_TOTAL_RETRIES})
 * @param checkDeadline the longest the whole check may take, token exchange and retries included
 * @param maxAnswerBytes the largest answer body read
 */
public record ControlServiceSettings(
    URI restApiUrl,
    Optional<String> apiToken,
    Optional<URI> tokenUrl,
    boolean verifySsl,
    Duration connectTimeout,
    Duration readTimeout,
    int connectRetries,
    int readRetries,
    int totalRetries,
    Duration checkDeadline,
    long maxAnswerBytes) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(900);
  public static final int DEFAULT_CONNECT_RETRIES = 6;
  public static final int DEFAULT_READ_RETRIES = 6;
  public static final int DEFAULT_TOTAL_RETRIES = 10;
  public static final Duration DEFAULT_CHECK_DEADLINE = Duration.ofSeconds(30);
  public static final long DEFAULT_MAX_ANSWER_BYTES = 16L * 1024 * 1024;

  public ControlServiceSettings {
    Objects.requireNonNull(restApiUrl, "restApiUrl");
    Objects.requireNonNull(apiToken, "apiToken");
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requirePositive(checkDeadline, "checkDeadline");
    if (connectRetries < 0 || readRetries < 0 || totalRetries < 0) {
      throw new IllegalArgumentException("Retry counts cannot be negative.");
    }
    if (maxAnswerBytes <= 0) {
      throw new IllegalArgumentException("maxAnswerBytes must be positive, not " + maxAnswerBytes);
    }
    // A blank token is how an unset environment variable often arrives; it means "no token".
    apiToken = apiToken.filter(token -> !token.isBlank());
  }

  /** The reference defaults for a Control Service at {@code restApiUrl}, without a token. */
  public static ControlServiceSettings defaults(URI restApiUrl) {
    return new ControlServiceSettings(
        restApiUrl,
        Optional.empty(),
        Optional.empty(),
        true,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_CONNECT_RETRIES,
        DEFAULT_READ_RETRIES,
        DEFAULT_TOTAL_RETRIES,
        DEFAULT_CHECK_DEADLINE,
        DEFAULT_MAX_ANSWER_BYTES);
  }

  public ControlServiceSettings withApiToken(String token, URI exchangeUrl) {
    return new ControlServiceSettings(
        restApiUrl, Optional.ofNullable(token), Optional.ofNullable(exchangeUrl), verifySsl,
        connectTimeout, readTimeout, connectRetries, readRetries, totalRetries, checkDeadline,
        maxAnswerBytes);
  }

  public ControlServiceSettings withVerifySsl(boolean verify) {
    return new ControlServiceSettings(
        restApiUrl, apiToken, tokenUrl, verify, connectTimeout, readTimeout, connectRetries,
        readRetries, totalRetries, checkDeadline, maxAnswerBytes);
  }

  public ControlServiceSettings withRetries(int connect, int read, int total) {
    return new ControlServiceSettings(
        restApiUrl, apiToken, tokenUrl, verifySsl, connectTimeout, readTimeout, connect, read,
        total, checkDeadline, maxAnswerBytes);
  }

  public ControlServiceSettings withCheckDeadline(Duration deadline) {
    return new ControlServiceSettings(
        restApiUrl, apiToken, tokenUrl, verifySsl, connectTimeout, readTimeout, connectRetries,
        readRetries, totalRetries, deadline, maxAnswerBytes);
  }

  public ControlServiceSettings withMaxAnswerBytes(long maxBytes) {
    return new ControlServiceSettings(
        restApiUrl, apiToken, tokenUrl, verifySsl, connectTimeout, readTimeout, connectRetries,
        readRetries, totalRetries, checkDeadline, maxBytes);
  }

  /** What the HTTP layer needs: timeouts, retries, the answer cap and the secret to hide. */
  public HttpSettings http() {
    return new HttpSettings(
        connectTimeout, readTimeout, connectRetries, readRetries, totalRetries, maxAnswerBytes,
        apiToken.stream().toList());
  }

  /** Names every setting but shows only whether a token is set, never the token. */
  @Override
  public String toString() {
    return "ControlServiceSettings[restApiUrl=" + restApiUrl
        + ", apiToken=" + (apiToken.isPresent() ? "(set)" : "(none)")
        + ", tokenUrl=" + tokenUrl.map(URI::toString).orElse("(none)")
        + ", verifySsl=" + verifySsl
        + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout
        + ", connectRetries=" + connectRetries
        + ", readRetries=" + readRetries
        + ", totalRetries=" + totalRetries
        + ", checkDeadline=" + checkDeadline
        + ", maxAnswerBytes=" + maxAnswerBytes + "]";
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + duration);
    }
  }
}

package dev.vdk.executionskip.controlservice.http;

import dev.vdk.executionskip.backend.Deadline;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The token a check sends as {@code Authorization: Bearer}, as the reference client gives it.
 *
 * <ul>
 *   <li>No API token: no header at all.
 *   <li>An API token and a token URL: the API token is a refresh-token-style credential and is
 *       exchanged with the OAuth2 refresh_token grant (RFC 6749 section 6); the access token is
 *       kept until it expires, less a margin of at least {@link #EXPIRY_SKEW} and at least the
 *       check's deadline (a token a check starts with must outlive the check), measured with the
 *       injected clock. An answer without {@code expires_in} serves the current check only.
 *   <li>An API token but no token URL: the API token itself is sent as the Bearer token. There is
 *       nothing to exchange it with, and a deployment that hands out access tokens directly works
 *       this way; sending nothing would only turn the check into a certain 401.
 * </ul>
 *
 * <p>No token is handed out while the JDK's HTTP trace could print it (see {@link JdkHeaderTrace}).
 * A failed exchange throws a {@link ControlServiceException} whose message never holds either token.
 */
public final class AccessTokens {

  private static final System.Logger LOG = System.getLogger(AccessTokens.class.getName());

  /** Renew this long before the server's expiry, so a token never expires in flight. */
  static final Duration EXPIRY_SKEW = Duration.ofSeconds(30);

  private final Optional<String> apiToken;
  private final Optional<URI> tokenUrl;
  private final ControlServiceHttp http;
  private final Clock clock;
  /** Held by the check that is reading or renewing the access token. */
  private final ReentrantLock exchanging = new ReentrantLock();
  /** How long before its expiry a token is given up. */
  private final Duration renewBefore;
  /** Guarded by {@link #exchanging}. */
  private String accessToken;
  /** Guarded by {@link #exchanging}. */
  private Instant validUntil = Instant.MIN;

  /**
   * @param restApiUrl where the token is sent, to warn when that is over plain http
   * @param checkDeadline the longest a check may take: a token is renewed at least that long
   *     before it expires
   */
  public AccessTokens(
      Optional<String> apiToken,
      Optional<URI> tokenUrl,
      URI restApiUrl,
      Duration checkDeadline,
      ControlServiceHttp http,
      Clock clock) {
    this.apiToken = apiToken;
    this.tokenUrl = tokenUrl;
    this.http = http;
    this.clock = clock;
    this.renewBefore = checkDeadline.compareTo(EXPIRY_SKEW) > 0 ? checkDeadline : EXPIRY_SKEW;
    if (apiToken.isPresent()) {
      // Only a request that carries a token has a header worth hiding from the JDK's trace.
      JdkHeaderTrace.install();
      if (tokenUrl.isPresent() && isPlainHttp(tokenUrl.get())) {
        LOG.log(
            System.Logger.Level.WARNING,
            "The API token is sent to the token endpoint at {0} over plain http, as"
                + " API_TOKEN_AUTHORIZATION_URL says; anyone on the network path could read it."
                + " Use an https URL.",
            where(tokenUrl.get()));
      }
      if (isPlainHttp(restApiUrl)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "{0} is sent as a Bearer token to the Control Service at {1} over plain http, as"
                + " CONTROL_SERVICE_REST_API_URL says; anyone on the network path could read it and"
                + " use it. Use an https URL.",
            tokenUrl.isPresent() ? "The access token exchanged for the API token" : "The API token",
            where(restApiUrl));
      }
    }
  }

  /**
   * The token for one check, exchanging the API token first when no access token is valid. Called
   * once per check, so that retries neither repeat the exchange nor run it before it is needed.
   *
   * <p>Checks of one client exchange one at a time, so that they share one access token; a check
   * waits for another's exchange only as long as its own deadline allows, and interruptibly, so a
   * slow token endpoint can never pile up threads waiting on each other.
   *
   * @param operationId the check's, sent with the exchange
   */
  public Optional<String> forCheck(Deadline deadline, String operationId) {
    if (apiToken.isEmpty()) {
      return Optional.empty();
    }
    JdkHeaderTrace.requireCredentialsUntraced();
    if (tokenUrl.isEmpty()) {
      return apiToken;
    }
    lockWithin(deadline, tokenUrl.get());
    try {
      if (accessToken == null || !clock.instant().isBefore(validUntil)) {
        exchange(tokenUrl.get(), deadline, operationId);
      }
      return Optional.of(accessToken);
    } finally {
      exchanging.unlock();
    }
  }

  private void lockWithin(Deadline deadline, URI url) {
    boolean locked;
    try {
      locked = exchanging.tryLock(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlServiceException(
          "The Control Service check was interrupted while waiting for another check of this"
              + " client to finish exchanging the API token.");
    }
    if (!locked) {
      throw deadline.exceeded(
          ControlServiceHttp.CHECK,
          new TimeoutException(
              "It was waiting for another check of this client to finish exchanging the API token"
                  + " at " + where(url) + "."));
    }
  }

  private void exchange(URI url, Deadline deadline, String operationId) {
    String where = where(url);
    Instant asked = clock.instant();
    String form =
        "grant_type=refresh_token&refresh_token="
            + URLEncoder.encode(apiToken.get(), StandardCharsets.UTF_8);
    TokenAnswer answer;
    try {
      answer =
          http.send(
              CheckRequests.tokenExchange(url, form, operationId),
              ControlServiceHttp.Kind.TOKEN_EXCHANGE,
              deadline,
              TokenAnswer::read);
    } catch (ControlServiceException e) {
      throw new ControlServiceException(
          "The API token could not be exchanged for an access token at " + where + ": "
              + e.getMessage(),
          e.status().orElse(-1),
          e);
    }
    if (answer == null || answer.accessToken() == null || answer.accessToken().isBlank()) {
      throw new ControlServiceException(
          "The token endpoint at " + where + " answered without an access_token.");
    }
    accessToken = answer.accessToken();
    validUntil =
        answer.expiresIn() == null
            ? Instant.MIN
            : asked.plusSeconds(answer.expiresIn()).minus(renewBefore);
    LOG.log(
        System.Logger.Level.DEBUG,
        "Exchanged the API token for an access token at {0}, valid for {1} s.",
        where,
        answer.expiresIn());
  }

  private static boolean isPlainHttp(URI url) {
    return "http".equalsIgnoreCase(url.getScheme());
  }

  private static String where(URI url) {
    return url.getHost() + url.getRawPath();
  }
}

package dev.vdk.executionskip.controlservice;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gives the access token to send as {@code Authorization: Bearer}, as the reference client does.
 *
 * <ul>
 *   <li>No API token: no header at all.
 *   <li>An API token and a token URL: the API token is a refresh-token-style credential and is
 *       exchanged with the OAuth2 refresh_token grant (RFC 6749 section 6); the access token is
 *       kept until it expires, less a margin of at least {@link #EXPIRY_SKEW} and at least the
 *       check's deadline (a token reused by a check must outlive the check), measured with the
 *       injected clock. An
 *       answer without {@code expires_in} serves the current check only.
 *   <li>An API token but no token URL: the API token itself is sent as the Bearer token. There is
 *       nothing to exchange it with, and a deployment that hands out access tokens directly works
 *       this way; sending nothing would only turn the check into a certain 401.
 * </ul>
 *
 * <p>A failed exchange throws a {@link ControlServiceException} whose message never holds either
 * token.
 */
final class AccessTokenProvider {

  private static final System.Logger LOG = System.getLogger(AccessTokenProvider.class.getName());

  /** Renew this long before the server's expiry, so a token never expires in flight. */
  static final Duration EXPIRY_SKEW = Duration.ofSeconds(30);

  private final Optional<String> apiToken;
  private final Optional<URI> tokenUrl;
  /** Built once, when there is an API token to exchange; null otherwise. */
  private final TokenEndpointApi endpoint;
  private final Clock clock;
  /** Held by the check that is reading or renewing the access token. */
  private final ReentrantLock exchanging = new ReentrantLock();
  /** How long before its expiry a token is given up. */
  private final Duration renewBefore;
  /** Guarded by {@link #exchanging}. */
  private String accessToken;
  /** Guarded by {@link #exchanging}. */
  private Instant validUntil = Instant.MIN;

  AccessTokenProvider(ControlServiceSettings settings, ControlServiceHttp http, Clock clock) {
    this.apiToken = settings.apiToken();
    this.tokenUrl = settings.tokenUrl();
    this.endpoint =
        apiToken.isEmpty()
            ? null
            : tokenUrl
                .map(url -> http.target(
                        TokenEndpointApi.class,
                        url.toString(),
                        ControlServiceHttp.Calls.TOKEN_EXCHANGE))
                .orElse(null);
    this.clock = clock;
    if (apiToken.isPresent() && tokenUrl.filter(AccessTokenProvider::isPlainHttp).isPresent()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The API token is sent to the token endpoint at {0} over plain http, as"
              + " API_TOKEN_AUTHORIZATION_URL says; anyone on the network path could read it. Use an"
              + " https URL.",
          where(tokenUrl.get()));
    }
    if (apiToken.isPresent() && isPlainHttp(settings.restApiUrl())) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0} is sent as a Bearer token to the Control Service at {1} over plain http, as"
              + " CONTROL_SERVICE_REST_API_URL says; anyone on the network path could read it and"
              + " use it. Use an https URL.",
          tokenUrl.isPresent() ? "The access token exchanged for the API token" : "The API token",
          where(settings.restApiUrl()));
    }
    // A check keeps the token it started with to its end, so the token must still be valid then.
    Duration deadline = settings.checkDeadline();
    this.renewBefore = deadline.compareTo(EXPIRY_SKEW) > 0 ? deadline : EXPIRY_SKEW;
  }

  /** Whether a token is sent at all: an API token is configured. */
  boolean configured() {
    return apiToken.isPresent();
  }

  /**
   * The token for this check, exchanging the API token first when none is valid. The exchange must
   * run inside the check of {@code deadline} (see {@link CheckScope}), which bounds it and names its
   * operation id.
   *
   * <p>Checks of one client exchange one at a time, so that they share one access token; a check
   * waits for another's exchange only as long as its own deadline allows, and interruptibly, so a
   * slow token endpoint can never pile up threads waiting on each other.
   */
  Optional<String> accessToken(CallDeadline deadline) {
    if (apiToken.isEmpty()) {
      return Optional.empty();
    }
    if (tokenUrl.isEmpty()) {
      return apiToken;
    }
    deadline.doing(
        "waiting for another check of this client to finish exchanging the API token at "
            + where(tokenUrl.get()));
    lockWithin(deadline);
    try {
      if (accessToken == null || !clock.instant().isBefore(validUntil)) {
        exchange(tokenUrl.get(), deadline);
      }
      return Optional.of(accessToken);
    } finally {
      exchanging.unlock();
    }
  }

  private void lockWithin(CallDeadline deadline) {
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
      throw deadline.exceeded();
    }
  }

  private static boolean isPlainHttp(URI url) {
    return "http".equalsIgnoreCase(url.getScheme());
  }

  private static String where(URI url) {
    return url.getHost() + url.getRawPath();
  }

  private void exchange(URI url, CallDeadline deadline) {
    String where = where(url);
    deadline.doing("exchanging the API token for an access token at " + where);
    Instant asked = clock.instant();
    TokenEndpointApi.TokenAnswer answer;
    try {
      answer =
          endpoint.exchange(
                  "grant_type=refresh_token&refresh_token="
                      + URLEncoder.encode(apiToken.get(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      ControlServiceException failure = ControlServiceFailures.translate(e);
      throw new ControlServiceException(
          "The API token could not be exchanged for an access token at " + where + ": "
              + failure.getMessage(),
          failure.status().orElse(-1),
          failure);
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
}

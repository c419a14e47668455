package dev.vdk.executionskip.controlservice;

import dev.vdk.api.Redactor;
import dev.vdk.executionskip.Sleeper;
import feign.RetryableException;
import feign.Retryer;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Retries as the reference client does (urllib3's {@code Retry}): connection failures count
 * against the connect retries, failed or timed-out reads against the read retries, and every retry
 * (5xx answers made retryable by {@link ControlServiceErrorDecoder} included) against the total.
 * Waits grow by a factor of 2 and go through the injected {@link Sleeper}.
 *
 * <p>Unlike the reference it also stops when the next wait would pass the check's deadline: there
 * is no point in sleeping towards an attempt that cannot happen. Nor does it retry a TLS failure
 * ({@link SSLException}: an untrusted certificate, a failed handshake): the next attempt meets the
 * same certificate, so retrying only delays the error the operator has to fix.
 *
 * <p>For a request that must not be repeated once the server may have seen it (the token exchange,
 * whose refresh token may be spent by the first attempt) it retries connection failures only.
 */
final class ControlServiceRetryer implements Retryer {

  static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

  private final ControlServiceSettings settings;
  private final Sleeper sleeper;
  private final CallDeadline deadline;
  private final boolean connectFailuresOnly;
  private int connectRetries;
  private int readRetries;
  private int totalRetries;

  /** @param connectFailuresOnly whether to retry only requests that never reached the server */
  ControlServiceRetryer(
      ControlServiceSettings settings,
      Sleeper sleeper,
      CallDeadline deadline,
      boolean connectFailuresOnly) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.deadline = deadline;
    this.connectFailuresOnly = connectFailuresOnly;
  }

  @Override
  public void continueOrPropagate(RetryableException e) {
    if (!mayRetry(e)) {
      throw e;
    }
    Duration wait = backoff(totalRetries);
    if (!deadline.allows(wait) && e.getCause() instanceof SocketTimeoutException) {
      // The attempt's timeout was cut to what was left of the deadline, so it is the deadline that
      // ended the check: say so in the same words whichever timer fires first.
      throw deadline.exceeded(Redactor.withoutSecrets().redact(e));
    }
    if (!deadline.allows(wait)) {
      throw new ControlServiceException(
          "The Control Service check stopped retrying: waiting " + wait.toMillis()
              + " ms for another attempt would pass its deadline. The last attempt failed: "
              + Redactor.withoutSecrets().redact(e.getMessage()),
          e.status(),
          Redactor.withoutSecrets().redact(e));
    }
    totalRetries++;
    deadline.doing("waiting " + wait.toMillis() + " ms before retry " + totalRetries
        + " after: " + Redactor.withoutSecrets().redact(e.getMessage()));
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  private boolean mayRetry(RetryableException e) {
    if (isTlsFailure(e)) {
      return false;
    }
    if (totalRetries >= settings.totalRetries()) {
      return false;
    }
    if (connectFailuresOnly && (e.status() > 0 || !isConnectFailure(e.getCause()))) {
      return false;
    }
    if (e.status() > 0) {
      return true; // a 5xx answer: only the total caps it, as in urllib3
    }
    if (isConnectFailure(e.getCause())) {
      return connectRetries++ < settings.connectRetries();
    }
    return readRetries++ < settings.readRetries();
  }

  /** {@code INITIAL_BACKOFF * 2^retries}, capped at {@link #MAX_BACKOFF}. */
  static Duration backoff(int retries) {
    Duration wait = INITIAL_BACKOFF.multipliedBy(1L << Math.min(retries, 20));
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /**
   * Whether the request never reached the server. HttpURLConnection reports a connect timeout and
   * a read timeout with the same exception type, so the message tells them apart.
   */
  static boolean isConnectFailure(Throwable cause) {
    if (cause instanceof SocketTimeoutException) {
      String message = cause.getMessage();
      return message != null && message.toLowerCase(Locale.ROOT).contains("connect");
    }
    return cause instanceof ConnectException
        || cause instanceof NoRouteToHostException
        || cause instanceof UnknownHostException;
  }

  /** Whether TLS failed anywhere in the chain of causes; TLS failures are IOExceptions too. */
  static boolean isTlsFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Retryer clone() {
    return new ControlServiceRetryer(settings, sleeper, deadline, connectFailuresOnly);
  }
}

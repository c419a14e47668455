package dev.vdk.executionskip.controlservice.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Which failed attempts of one request are tried again, as the reference client counts them
 * (urllib3's {@code Retry}): a connection failure counts against the connect retries, a failed or
 * timed-out read against the read retries, and every retry, answers 500/502/503/504 included,
 * against the total. A new count per request, so no request inherits another's retries.
 *
 * <p>Unlike the reference it never retries a TLS failure ({@link SSLException}: an untrusted
 * certificate, a failed handshake): the next attempt meets the same certificate, so retrying only
 * delays the error the operator has to fix. For a request that must not be repeated once the
 * server may have seen it (the token exchange, whose refresh token the first attempt may already
 * have spent) it retries connection failures only.
 */
final class Retries {

  private final HttpSettings settings;
  private final boolean connectFailuresOnly;
  private int connect;
  private int read;
  private int total;

  /** @param connectFailuresOnly whether to retry only attempts that never reached the server */
  Retries(HttpSettings settings, boolean connectFailuresOnly) {
    this.settings = settings;
    this.connectFailuresOnly = connectFailuresOnly;
  }

  /** How many retries were granted so far: the number of pauses taken before the next one. */
  int granted() {
    return total;
  }

  /** Whether to try again after an attempt that got no answer; counts the retry if so. */
  boolean afterFailure(IOException failure) {
    if (isTlsFailure(failure) || total >= settings.totalRetries()) {
      return false;
    }
    boolean connectFailure = isConnectFailure(failure);
    if (connectFailuresOnly && !connectFailure) {
      return false;
    }
    boolean allowed =
        connectFailure ? connect++ < settings.connectRetries() : read++ < settings.readRetries();
    return allowed && grant();
  }

  /** Whether to try again after an answer of a status the reference retries; counts it if so. */
  boolean afterRetryableStatus() {
    // As in urllib3, only the total caps these.
    return !connectFailuresOnly && total < settings.totalRetries() && grant();
  }

  private boolean grant() {
    total++;
    return true;
  }

  /**
   * Whether the request never reached the server. HttpURLConnection reports a connect timeout and
   * a read timeout with the same exception type, so the message tells them apart.
   */
  static boolean isConnectFailure(IOException failure) {
    if (failure instanceof SocketTimeoutException) {
      String message = failure.getMessage();
      return message != null && message.toLowerCase(Locale.ROOT).contains("connect");
    }
    return failure instanceof ConnectException
        || failure instanceof NoRouteToHostException
        || failure instanceof UnknownHostException;
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
}

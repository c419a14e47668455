package dev.vdk.executionskip.controlservice.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link ControlServiceHttp} talks to the Control Service and its token endpoint: each
 * attempt's timeouts, the reference client's retry counts, the largest answer read, and the
 * secrets no error message may quote.
 *
 * @param connectTimeout per attempt, cut to what the check's deadline leaves
 * @param readTimeout per read, cut to what the check's deadline leaves
 * @param connectRetries retries after a failed connection
 * @param readRetries retries after a failed or timed-out read
 * @param totalRetries retries of any kind, answers 500/502/503/504 included
 * @param maxAnswerBytes the largest answer body read
 * @param secrets what an error message must never show, in any form
 */
public record HttpSettings(
    Duration connectTimeout,
    Duration readTimeout,
    int connectRetries,
    int readRetries,
    int totalRetries,
    long maxAnswerBytes,
    List<String> secrets) {

  public HttpSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    secrets = List.copyOf(secrets);
  }

  /** Never shows the secrets. */
  @Override
  public String toString() {
    return "HttpSettings[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", retries=" + connectRetries + "/" + readRetries + "/" + totalRetries
        + ", maxAnswerBytes=" + maxAnswerBytes + ", secrets=" + secrets.size() + "]";
  }
}

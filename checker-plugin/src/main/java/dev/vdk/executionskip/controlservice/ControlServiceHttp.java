package dev.vdk.executionskip.controlservice;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vdk.executionskip.Sleeper;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.RequestInterceptor;
import feign.codec.Decoder;
import feign.jackson.JacksonDecoder;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the Feign targets of one check from separate cross-cutting objects: tracing headers,
 * authentication, retries, error decoding and a bounded JSON decoder, all bound to that check's
 * deadline. A target is built per check because the deadline is per check; building one costs
 * far less than the request it makes.
 */
final class ControlServiceHttp {

  private static final System.Logger LOG = System.getLogger(ControlServiceHttp.class.getName());

  private final ControlServiceSettings settings;
  private final Client client;
  private final Sleeper sleeper;
  private final ObjectMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  ControlServiceHttp(ControlServiceSettings settings, Client client, Sleeper sleeper) {
    this.settings = settings;
    this.client = client;
    this.sleeper = sleeper;
    // Here rather than in defaultClient: a replacement client may send through HttpURLConnection too.
    JdkHttpTraceRedaction.install();
  }

  /**
   * Feign's default client (HttpURLConnection), which streams answer bodies, with TLS verified
   * unless the settings say otherwise.
   */
  static Client defaultClient(ControlServiceSettings settings) {
    if (settings.verifySsl()) {
      return new Client.Default(null, null);
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "TLS certificates and host names of the Control Service at {0} are not verified,"
            + " because CONTROL_HTTP_VERIFY_SSL is false; anyone on the network path could read"
            + " the credentials sent to it.",
        settings.restApiUrl().getHost());
    return new Client.Default(InsecureTls.trustAllSocketFactory(), InsecureTls.anyHostname());
  }

  /**
   * A Feign target for {@code api} at {@code url}.
   *
   * @param answerIsSecret whether the answer holds a secret, so errors must not quote it
   * @param extra interceptors for this API only, such as authentication
   */
  <T> T target(
      Class<T> api,
      String url,
      CallDeadline deadline,
      String operationId,
      boolean answerIsSecret,
      RequestInterceptor... extra) {
    return Feign.builder()
        .client(new DeadlineBoundClient(client, deadline))
        .options(
            new Request.Options(settings.connectTimeout(), settings.readTimeout(), false))
        // requestInterceptors(...) would replace the list, so the tracing headers go in with it.
        .requestInterceptors(
            Stream.concat(Stream.of(new TracingHeadersInterceptor(operationId)), Stream.of(extra))
                .toList())
        .retryer(new ControlServiceRetryer(settings, sleeper, deadline))
        .errorDecoder(new ControlServiceErrorDecoder(secrets()))
        .decoder(answerDecoder(answerIsSecret))
        .target(api, url);
  }

  /**
   * How every answer body is read: capped at the settings' size, then decoded by Jackson. A seam of
   * its own so the decoding benchmark (src/jmh) measures exactly this path.
   */
  Decoder answerDecoder(boolean answerIsSecret) {
    return new BoundedDecoder(
        new JacksonDecoder(mapper),
        settings.maxAnswerBytes(),
        !answerIsSecret,
        secrets());
  }

  /** What an error message must never show. */
  private List<String> secrets() {
    return settings.apiToken().stream().toList();
  }
}

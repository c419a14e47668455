package dev.vdk.executionskip.controlservice;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vdk.executionskip.Sleeper;
import feign.Client;
import feign.DefaultClient;
import feign.Feign;
import feign.Request;
import feign.RequestInterceptor;
import feign.codec.Decoder;
import feign.jackson.JacksonDecoder;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds one client's Feign targets from separate cross-cutting objects: tracing headers,
 * authentication, retries, error decoding and a bounded JSON decoder. A target is built once per
 * client, because Feign parses the API interface each time one is built; whatever belongs to one
 * check (its deadline and operation id) reaches those objects through {@link #checks()}.
 */
final class ControlServiceHttp {

  private static final System.Logger LOG = System.getLogger(ControlServiceHttp.class.getName());

  private final ControlServiceSettings settings;
  private final Client client;
  private final Sleeper sleeper;
  private final CheckScope checks = new CheckScope();
  private final ObjectMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final ExecutionsAnswerReader executionsReader = new ExecutionsAnswerReader();

  ControlServiceHttp(ControlServiceSettings settings, Client client, Sleeper sleeper) {
    this.settings = settings;
    this.client = client;
    this.sleeper = sleeper;
    // Here rather than in defaultClient: a replacement client may send through HttpURLConnection too.
    JdkHeaderTrace.install();
  }

  /**
   * Feign's default client (HttpURLConnection), which streams answer bodies, with TLS verified
   * unless the settings say otherwise.
   */
  static Client defaultClient(ControlServiceSettings settings) {
    if (settings.verifySsl()) {
      return new DefaultClient(null, null);
    }
    // The token exchange goes through this client too, so its host is just as exposed.
    String hosts =
        "the Control Service at " + settings.restApiUrl().getHost()
            + settings.tokenUrl().map(url -> " and the token endpoint at " + url.getHost()).orElse("");
    LOG.log(
        System.Logger.Level.WARNING,
        "TLS certificates and host names are not verified for {0}, because CONTROL_HTTP_VERIFY_SSL"
            + " is false; anyone on the network path could read the credentials sent to them.",
        hosts);
    return new DefaultClient(InsecureTls.trustAllSocketFactory(), InsecureTls.anyHostname());
  }

  /** The checks of this client; every call of a {@link #target} must run inside one. */
  CheckScope checks() {
    return checks;
  }

  /** What a target's calls are, which decides how their answers are quoted and retried. */
  enum Calls {
    /** Reads (GET): safe to repeat, answers may be quoted in errors. */
    READS(false, false),
    /**
     * The OAuth2 token exchange: its answer is a secret, and repeating it after the server may
     * have seen it could spend a rotated refresh token twice, so only a request that never reached
     * the server is retried.
     */
    TOKEN_EXCHANGE(true, true);

    final boolean answerIsSecret;
    final boolean retryConnectFailuresOnly;

    Calls(boolean answerIsSecret, boolean retryConnectFailuresOnly) {
      this.answerIsSecret = answerIsSecret;
      this.retryConnectFailuresOnly = retryConnectFailuresOnly;
    }
  }

  /**
   * A Feign target for {@code api} at {@code url}, to be called only inside one of {@link
   * #checks()}.
   *
   * @param calls what the target's calls are
   * @param extra interceptors for this API only, such as authentication
   */
  <T> T target(Class<T> api, String url, Calls calls, RequestInterceptor... extra) {
    return Feign.builder()
        .client(new DeadlineBoundClient(client, checks))
        .options(
            new Request.Options(settings.connectTimeout(), settings.readTimeout(), false))
        // requestInterceptors(...) would replace the list, so the tracing headers go in with it.
        .requestInterceptors(
            Stream.concat(Stream.of(new TracingHeadersInterceptor(checks)), Stream.of(extra))
                .toList())
        .retryer(new PerCheckRetryer(settings, sleeper, checks, calls.retryConnectFailuresOnly))
        .errorDecoder(new ControlServiceErrorDecoder(secrets(), calls.answerIsSecret))
        .decoder(answerDecoder(calls.answerIsSecret))
        .target(api, url);
  }

  /**
   * How every answer body is read: capped at the settings' size; a list of executions is read as a
   * stream, any other answer decoded by Jackson databind. A seam of its own so the decoding
   * benchmark (src/jmh) measures exactly this path.
   */
  Decoder answerDecoder(boolean answerIsSecret) {
    return new BoundedDecoder(
        new JacksonDecoder(mapper),
        executionsReader,
        settings.maxAnswerBytes(),
        !answerIsSecret,
        secrets());
  }

  /** What an error message must never show. */
  private List<String> secrets() {
    return settings.apiToken().stream().toList();
  }
}

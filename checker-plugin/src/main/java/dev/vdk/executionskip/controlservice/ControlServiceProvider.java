package dev.vdk.executionskip.controlservice;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.LogConfig;
import dev.vdk.api.Redactor;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.executionskip.backend.ExecutionBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code control-service} backend's keys, defaults and construction (see {@link
 * ControlServiceBackend}). It checks {@code CLOUD} runs only, as VDK does: the Control Service
 * knows only deployed executions.
 */
public final class ControlServiceProvider implements BackendProvider {
  public static final String CONTROL_SERVICE_REST_API_URL = "CONTROL_SERVICE_REST_API_URL";
  public static final String API_TOKEN = "API_TOKEN";
  public static final String API_TOKEN_AUTHORIZATION_URL = "API_TOKEN_AUTHORIZATION_URL";
  public static final String CONTROL_HTTP_VERIFY_SSL = "CONTROL_HTTP_VERIFY_SSL";
  public static final String CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS = "CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS";
  public static final String CONTROL_HTTP_READ_TIMEOUT_SECONDS = "CONTROL_HTTP_READ_TIMEOUT_SECONDS";
  public static final String CONTROL_HTTP_CONNECT_RETRIES = "CONTROL_HTTP_CONNECT_RETRIES";
  public static final String CONTROL_HTTP_READ_RETRIES = "CONTROL_HTTP_READ_RETRIES";
  public static final String CONTROL_HTTP_TOTAL_RETRIES = "CONTROL_HTTP_TOTAL_RETRIES";
  public static final String EXECUTION_SKIP_OLDEST_WINS = "EXECUTION_SKIP_OLDEST_WINS";

  @Override
  public String name() {
    return ControlServiceBackend.NAME;
  }

  @Override
  public String summary() {
    return "ask the Control Service; CLOUD runs only";
  }

  @Override
  public boolean checks(LogConfig logConfig) {
    return logConfig == LogConfig.CLOUD;
  }

  @Override
  public void declare(ConfigurationBuilder builder) {
    builder
        .add(CONTROL_SERVICE_REST_API_URL, null, "Base URL of the Control Service REST API, without /data-jobs.")
        .addSensitive(
            API_TOKEN,
            null,
            "API token (an OAuth2 refresh token) exchanged for an access token at"
                + " API_TOKEN_AUTHORIZATION_URL; without that URL it is sent as the Bearer token.")
        .add(API_TOKEN_AUTHORIZATION_URL, null, "Where API_TOKEN is exchanged (OAuth2 refresh_token grant).")
        .add(CONTROL_HTTP_VERIFY_SSL, true, "Verify the Control Service's TLS certificate and host name.")
        .add(
            CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS,
            ControlServiceSettings.DEFAULT_CONNECT_TIMEOUT.toSeconds(),
            "Connect timeout of one HTTP attempt (bounded by the check deadline).")
        .add(
            CONTROL_HTTP_READ_TIMEOUT_SECONDS,
            ControlServiceSettings.DEFAULT_READ_TIMEOUT.toSeconds(),
            "Read timeout of one HTTP attempt (bounded by the check deadline).")
        .add(CONTROL_HTTP_CONNECT_RETRIES, ControlServiceSettings.DEFAULT_CONNECT_RETRIES, "Retries after a failed connection.")
        .add(CONTROL_HTTP_READ_RETRIES, ControlServiceSettings.DEFAULT_READ_RETRIES, "Retries after a failed or timed-out read.")
        .add(
            CONTROL_HTTP_TOTAL_RETRIES,
            ControlServiceSettings.DEFAULT_TOTAL_RETRIES,
            "Retries of any kind, answers 500/502/503/504 included; backoff doubles each time.")
        .add(
            EXECUTION_SKIP_OLDEST_WINS,
            false,
            "control-service backend: when executions start together, the one with the oldest"
                + " (start_time, id) runs instead of all skipping.");
  }

  /** A check against a canned answer in memory ({@link ControlServiceWarmUp}). */
  @Override
  public Optional<Runnable> warmUp() {
    return Optional.of(() -> {
      try {
        ControlServiceWarmUp.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public ExecutionBackend create(Configuration config, BackendContext context) {
    return new ControlServiceBackend(
        new ControlServiceClient(settings(config, context.checkDeadline()), context.clock(), context.sleeper()),
        config.getBoolean(EXECUTION_SKIP_OLDEST_WINS));
  }

  /**
   * The settings the keys give.
   *
   * @throws ConfigurationException naming the key, the value (never a secret) and what is accepted
   */
  public static ControlServiceSettings settings(Configuration config, Duration checkDeadline) {
    return new ControlServiceSettings(
        httpUrl(config, CONTROL_SERVICE_REST_API_URL),
        config.find(API_TOKEN),
        config.find(API_TOKEN_AUTHORIZATION_URL).map(url -> httpUrl(config, API_TOKEN_AUTHORIZATION_URL)),
        config.getBoolean(CONTROL_HTTP_VERIFY_SSL),
        positive(config, CONTROL_HTTP_CONNECT_TIMEOUT_SECONDS),
        positive(config, CONTROL_HTTP_READ_TIMEOUT_SECONDS),
        notNegative(config, CONTROL_HTTP_CONNECT_RETRIES),
        notNegative(config, CONTROL_HTTP_READ_RETRIES),
        notNegative(config, CONTROL_HTTP_TOTAL_RETRIES),
        checkDeadline,
        ControlServiceSettings.DEFAULT_MAX_ANSWER_BYTES);
  }

  private static URI httpUrl(Configuration config, String key) {
    String text = config.getString(key).trim();
    try {
      URI uri = new URI(text);
      String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below, with the key and what is accepted.
    }
    // Quoted with its user-info and query masked: a URL may carry credentials.
    throw new ConfigurationException(
        "Configuration key " + key + " has the invalid value '" + Redactor.of(config).redactUrl(text)
            + "' (from " + config.origin(key).orElse("?") + "); expected an http or https URL with a"
            + " host, such as https://control.example.com/api.");
  }

  private static Duration positive(Configuration config, String key) {
    Duration duration = config.getDuration(key);
    if (duration.isZero() || duration.isNegative()) {
      throw config.invalidValue(key, "a duration greater than zero");
    }
    return duration;
  }

  private static int notNegative(Configuration config, String key) {
    int value = config.getInt(key);
    if (value < 0) {
      throw config.invalidValue(key, "a whole number, 0 or more");
    }
    return value;
  }
}

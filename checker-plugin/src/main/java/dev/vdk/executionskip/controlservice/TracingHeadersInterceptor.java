package dev.vdk.executionskip.controlservice;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Adds the headers the reference client sends on every request: {@code X-OPID}, one operation id
 * for all requests of one check so the Control Service's logs can be matched with ours, and a
 * {@code User-Agent} naming this plugin and its version.
 */
final class TracingHeadersInterceptor implements RequestInterceptor {

  static final String USER_AGENT = "vdk-java-execution-skip/" + PluginVersion.current();

  private final CheckScope checks;

  TracingHeadersInterceptor(CheckScope checks) {
    this.checks = checks;
  }

  /** A new operation id: 16 hex characters, as the reference makes them. */
  static String newOperationId() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  @Override
  public void apply(RequestTemplate template) {
    template.headerLiteral("X-OPID", checks.current().operationId());
    template.headerLiteral("User-Agent", USER_AGENT);
  }
}

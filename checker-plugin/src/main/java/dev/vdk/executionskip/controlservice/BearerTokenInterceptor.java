package dev.vdk.executionskip.controlservice;

import feign.RequestInterceptor;
import feign.RequestTemplate;

/**
 * Sends the access token as {@code Authorization: Bearer}. The token is fetched once per check, on
 * its first attempt, so retries neither repeat the exchange nor run it before it is needed. No
 * token is fetched or sent while the JDK's header trace could print it (see {@link JdkHeaderTrace}).
 */
final class BearerTokenInterceptor implements RequestInterceptor {

  private final AccessTokenProvider tokens;
  private final CheckScope checks;

  BearerTokenInterceptor(AccessTokenProvider tokens, CheckScope checks) {
    this.tokens = tokens;
    this.checks = checks;
  }

  @Override
  public void apply(RequestTemplate template) {
    if (tokens.configured()) {
      JdkHeaderTrace.requireCredentialsUntraced();
    }
    CheckScope.Check check = checks.current();
    // A literal header: Feign would otherwise expand "{...}" inside a token as a template.
    check
        .bearerToken(() -> tokens.accessToken(check.deadline()))
        .ifPresent(value -> template.headerLiteral("Authorization", "Bearer " + value));
  }
}

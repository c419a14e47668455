package dev.vdk.executionskip.controlservice;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import java.util.Optional;

/**
 * Sends the access token as {@code Authorization: Bearer}. The token is fetched once per check, on
 * its first attempt, so retries neither repeat the exchange nor run it before it is needed.
 */
final class BearerTokenInterceptor implements RequestInterceptor {

  private final AccessTokenProvider tokens;
  private final CallDeadline deadline;
  private final String operationId;
  private Optional<String> token;

  BearerTokenInterceptor(AccessTokenProvider tokens, CallDeadline deadline, String operationId) {
    this.tokens = tokens;
    this.deadline = deadline;
    this.operationId = operationId;
  }

  @Override
  public void apply(RequestTemplate template) {
    if (token == null) {
      token = tokens.accessToken(deadline, operationId);
    }
    // A literal header: Feign would otherwise expand "{...}" inside a token as a template.
    token.ifPresent(value -> template.headerLiteral("Authorization", "Bearer " + value));
  }
}

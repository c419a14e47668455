package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that every request WireMock received on {@code /data-jobs} and the answer it gave conform
 * to the Control Service's published OpenAPI description ({@code
 * shared/reference/control-service-api.yaml}, a sibling of the repository).
 */
final class OpenApiConformance {

  static final String SPEC = "shared/reference/control-service-api.yaml";

  /** Whether requests must carry the spec's bearer authentication. */
  enum Security {
    REQUIRED,
    /** For clients deliberately configured without a token; everything else is still checked. */
    NOT_CONFIGURED
  }

  private OpenApiConformance() {}

  /** Validates every {@code /data-jobs} interaction {@code server} has seen. */
  static void assertConforms(WireMockServer server, Security security) {
    OpenApiInteractionValidator validator = validator(security);
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (ServeEvent event : server.getAllServeEvents()) {
      LoggedRequest request = event.getRequest();
      if (!request.getUrl().startsWith("/data-jobs")) {
        continue;
      }
      checked++;
      ValidationReport report = validator.validate(toRequest(request), toResponse(event.getResponse()));
      if (report.hasErrors()) {
        problems.add(request.getMethod() + " " + request.getUrl() + ": " + report.getMessages());
      }
    }
    assertThat(checked).as("interactions with /data-jobs to validate").isPositive();
    assertThat(problems).as("interactions that break the OpenAPI description").isEmpty();
  }

  private static OpenApiInteractionValidator validator(Security security) {
    LevelResolver.Builder levels = LevelResolver.create();
    if (security == Security.NOT_CONFIGURED) {
      levels.withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE);
    }
    return OpenApiInteractionValidator.createForSpecificationUrl(specPath().toUri().toString())
        .withLevelResolver(levels.build())
        .build();
  }

  /**
   * The spec, found from the working directory upwards as a sibling {@code shared/} of the
   * repository or of one of its folders, as both a worktree and the CI clone lay it out.
   */
  static Path specPath() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null && dir.getParent() != null; dir = dir.getParent()) {
      Path candidate = dir.getParent().resolve(SPEC);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "No " + SPEC + " beside " + start + " or any folder above it; the OpenAPI conformance"
            + " tests need the shared/ folder next to the repository.");
  }

  private static SimpleRequest toRequest(LoggedRequest request) {
    URI uri = URI.create(request.getUrl());
    SimpleRequest.Builder builder =
        new SimpleRequest.Builder(request.getMethod().getName(), uri.getRawPath());
    request.getQueryParams().forEach((name, values) -> builder.withQueryParam(name, values.values()));
    for (HttpHeader header : request.getHeaders().all()) {
      builder.withHeader(header.key(), header.values());
    }
    if (request.getBody() != null && request.getBody().length > 0) {
      builder.withBody(request.getBody());
    }
    return builder.build();
  }

  private static SimpleResponse toResponse(LoggedResponse response) {
    SimpleResponse.Builder builder = new SimpleResponse.Builder(response.getStatus());
    if (response.getHeaders() != null) {
      for (HttpHeader header : response.getHeaders().all()) {
        builder.withHeader(header.key(), header.values());
      }
    }
    if (response.getBody() != null) {
      builder.withBody(response.getBody());
    }
    return builder.build();
  }
}

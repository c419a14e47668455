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
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that every request WireMock received on {@code /data-jobs} and the answer it gave conform
 * to the Control Service's published OpenAPI description, read from this module's test resources
 * ({@link #SPEC_RESOURCE}), a copy that {@link PublishedSpecCopyTest} keeps honest.
 */
final class OpenApiConformance {

  /** The copy on the test classpath, so a fresh clone needs nothing beside the repository. */
  static final String SPEC_RESOURCE = "/control-service-api.yaml";

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
    return OpenApiInteractionValidator.createForSpecificationUrl(specUrl().toString())
        .withLevelResolver(levels.build())
        .build();
  }

  /** The copy of the published description on the test classpath. */
  static URL specUrl() {
    URL spec = OpenApiConformance.class.getResource(SPEC_RESOURCE);
    if (spec == null) {
      throw new IllegalStateException(
          "No " + SPEC_RESOURCE + " on the test classpath; it belongs in src/test/resources.");
    }
    return spec;
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

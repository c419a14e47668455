package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Team and job names are single path segments whatever they hold: the raw URL WireMock receives is
 * checked byte for byte, since a decoded view would hide exactly the bug this guards against.
 */
class PathEncodingTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  @ParameterizedTest(name = "team \"{0}\", job \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "a/b        | job        | a%2Fb  | job",
        "team       | x?y        | team   | x%3Fy",
        "h#1        | job        | h%231  | job",
        "with space | job        | with%20space | job",
        "team       | 50%        | team   | 50%25",
        "team       | a%2Fb      | team   | a%252Fb",
        "..         | job        | %2E%2E | job",
        "équipe     | job        | %C3%A9quipe | job",
      })
  void encodesEachNameAsOnePathSegment(
      String team, String job, String encodedTeam, String encodedJob) {
    controlService.server().stubFor(get(anyUrl()).willReturn(okJson("[]")));

    controlService.client(controlService.settings()).activeExecutions(team, job);

    assertThat(controlService.server().getAllServeEvents()).singleElement().satisfies(event ->
        assertThat(event.getRequest().getUrl())
            .isEqualTo(
                "/data-jobs/for-team/" + encodedTeam + "/jobs/" + encodedJob
                    + "/executions?execution_status=submitted&execution_status=running"));
    // Awkward names or not, the request is still the spec's dataJobExecutionList.
    OpenApiConformance.assertConforms(controlService.server(), OpenApiConformance.Security.NOT_CONFIGURED);
  }
}

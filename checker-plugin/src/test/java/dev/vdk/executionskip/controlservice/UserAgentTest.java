package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.EXECUTIONS_PATH;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code User-Agent} names the plugin's own version wherever its classes come from: here from
 * a classes folder, which has no jar manifest, as in a job's fat jar, whose manifest is the job's.
 */
class UserAgentTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  @Test
  void theUserAgentCarriesTheProjectVersionWithoutAManifest() {
    controlService.server().stubFor(get(urlPathEqualTo(EXECUTIONS_PATH)).willReturn(okJson("[]")));

    controlService.client(controlService.settings()).activeExecutions(TEAM, JOB);

    String version = System.getProperty("plugin.version");
    assertThat(version).as("system property plugin.version, set by this module's pom.xml").isNotBlank();
    assertThat(controlService.server().getAllServeEvents()).singleElement()
        .satisfies(event -> assertThat(event.getRequest().getHeader("User-Agent"))
            .isEqualTo("vdk-java-execution-skip/" + version));
  }
}

package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vdk.executionskip.SecretForms;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's HTTP client prints every request header, {@code Authorization} included, at DEBUG on
 * {@value #JDK_TRACE}. A job whose logging backend is not java.util.logging (its own
 * {@link System.LoggerFinder}) cannot have that trace redacted, so a token must never be handed to
 * the JDK while the trace is on there. A child JVM runs with a backend that records everything at
 * every level, and no form of either token may appear in anything it printed.
 */
class JdkHeaderTraceTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  /** The JDK's own logger name, written out: what the plugin must keep tokens from. */
  static final String JDK_TRACE = "sun.net.www.protocol.http.HttpURLConnection";

  static final String API_TOKEN = "api-T0ken/+=";
  static final String ACCESS_TOKEN = "acc.ess-T0KEN~9/x+y=";
  static final long CHILD_DEADLINE_SECONDS = 120;

  @TempDir Path folder;

  @Test
  void underAnotherLoggingBackendNoTokenReachesTheTrace() throws Exception {
    controlService.stubTokenEndpoint(ACCESS_TOKEN, 3600);
    controlService.server().stubFor(get(urlPathEqualTo("/data-jobs/for-team/team/jobs/job/executions")).willReturn(okJson("[]")));
    Path services = folder.resolve("finder/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve("java.lang.System$LoggerFinder"), RecordingLoggerFinder.class.getName() + "\n");
    Path stdout = folder.resolve("stdout");
    Path stderr = folder.resolve("stderr");

    Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx64m",
            "-cp", folder.resolve("finder") + File.pathSeparator + System.getProperty("java.class.path"),
            HeaderTraceProbe.class.getName(),
            controlService.baseUrl().toString(), controlService.tokenUrl().toString(), API_TOKEN))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    if (!child.waitFor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor();
      fail("the child JVM did not end within %d s; its stderr ends: %s", CHILD_DEADLINE_SECONDS, tail(stderr));
    }

    String printed = Files.readString(stdout);
    String recorded = Files.readString(stderr);
    assertThat(child.exitValue()).as(recorded).isZero();
    assertThat(printed).contains("without a token: 0 executions");
    assertThat(recorded)
        .as("the backend records the JDK's trace of the request headers")
        .contains(JDK_TRACE)
        .contains("GET /data-jobs/for-team/team/jobs/job/executions");
    for (String token : List.of(API_TOKEN, ACCESS_TOKEN)) {
      SecretForms.assertAbsent(token, recorded, "the recorded log");
      SecretForms.assertAbsent(token, printed, "stdout");
    }
    assertThat(printed)
        .contains("with an exchanged token: refused: ")
        .contains("with the API token as the Bearer token: refused: ")
        .contains(JDK_TRACE);
    controlService.server().verify(0, anyRequestedFor(anyUrl()).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching(".*")));
  }

  private static String tail(Path file) throws IOException {
    String text = Files.exists(file) ? Files.readString(file) : "";
    return text.substring(Math.max(0, text.length() - 4000));
  }
}

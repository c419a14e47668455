package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bodies a broken server or proxy sends: bytes that are not UTF-8, a page that stops halfway, a
 * secret cut by the part of a body an error quotes.
 */
class OddAnswerBodiesTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  @Test
  void aTokenAnswerWithBytesThatAreNotUtf8InAFieldTheCheckSkipsStillGivesTheToken() {
    controlService.server().stubFor(post(urlPathEqualTo(controlService.tokenUrl().getPath())).willReturn(
        aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"access_token\": \"tok-1\", \"scope\": \"caf\u00e9\", \"expires_in\": 3600}"
                .getBytes(StandardCharsets.ISO_8859_1))));
    controlService.answerExecutions(okJson("[]"));
    ControlServiceClient client =
        controlService.client(controlService.settings().withApiToken("api-token", controlService.tokenUrl()));

    assertThat(client.activeExecutions(TEAM, JOB).count()).isZero();
  }

  @Test
  void aPageThatStopsHalfwayIsReportedWithWhatCameWithoutWaitingForTheRest() throws Exception {
    CountDownLatch hungUp = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      inTheBackground(() -> servePartOfAPage(server, "200 OK", "", "<html><body>Sign in".getBytes(StandardCharsets.US_ASCII), hungUp));
      ControlServiceClient client =
          clientOf(ControlServiceSettings.defaults(URI.create("http://127.0.0.1:" + server.getLocalPort())));

      assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
          assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
              .isInstanceOf(ControlServiceException.class)
              .hasMessageContaining("text/html")
              .hasMessageContaining("<html><body>Sign in"));
    } finally {
      hungUp.countDown();
    }
  }

  @Test
  void aSecretThatThePartOfAPageThatCameCutsIsNotQuotedInPart() throws Exception {
    String accessToken = "at-0123456789abcdefghijklmnopqrstuvwxyz";
    controlService.stubTokenEndpoint(accessToken, 3600);
    byte[] firstBytes = ("<html><body>Signed in as " + accessToken.substring(0, 20)).getBytes(StandardCharsets.US_ASCII);
    CountDownLatch hungUp = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      inTheBackground(() -> servePartOfAPage(server, "200 OK", "", firstBytes, hungUp));
      ControlServiceClient client =
          clientOf(ControlServiceSettings.defaults(URI.create("http://127.0.0.1:" + server.getLocalPort()))
              .withApiToken("api-token", controlService.tokenUrl()));

      ControlServiceException failure =
          assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
              catchThrowableOfType(ControlServiceException.class, () -> client.activeExecutions(TEAM, JOB)));

      assertThat(failure.getMessage()).contains("Signed in as").doesNotContain(accessToken.substring(0, 4));
    } finally {
      hungUp.countDown();
    }
  }

  @Test
  void aCompressedPageThatStopsHalfwayIsReportedWithoutWaitingForTheRest() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    GZIPOutputStream gzip = new GZIPOutputStream(compressed, true);
    gzip.write("<html><body>Sign in".getBytes(StandardCharsets.US_ASCII));
    // Out now, with the stream left open: the rest of the page never comes.
    gzip.flush();
    CountDownLatch hungUp = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      inTheBackground(() -> servePartOfAPage(server, "200 OK", "Content-Encoding: gzip\r\n", compressed.toByteArray(), hungUp));
      ControlServiceClient client =
          clientOf(ControlServiceSettings.defaults(URI.create("http://127.0.0.1:" + server.getLocalPort())));

      assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
          assertThatThrownBy(() -> client.activeExecutions(TEAM, JOB))
              .isInstanceOf(ControlServiceException.class)
              .hasMessageContaining("text/html"));
    } finally {
      hungUp.countDown();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"200 OK", "401 Unauthorized"})
  void aSecretThatAConnectionClosedEarlyCutsIsNotQuotedInPart(String status) throws Exception {
    String accessToken = "at-0123456789abcdefghijklmnopqrstuvwxyz";
    controlService.stubTokenEndpoint(accessToken, 3600);
    byte[] firstBytes = ("<html>Token " + accessToken.substring(0, 20)).getBytes(StandardCharsets.US_ASCII);
    // Counted down already: the server closes the connection right after the first bytes.
    CountDownLatch closeAtOnce = new CountDownLatch(0);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      inTheBackground(() -> servePartOfAPage(server, status, "", firstBytes, closeAtOnce));
      ControlServiceClient client =
          clientOf(ControlServiceSettings.defaults(URI.create("http://127.0.0.1:" + server.getLocalPort()))
              .withApiToken("api-token", controlService.tokenUrl()));

      ControlServiceException failure =
          assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
              catchThrowableOfType(ControlServiceException.class, () -> client.activeExecutions(TEAM, JOB)));

      assertThat(failure.getMessage()).doesNotContain(accessToken.substring(0, 4));
    }
  }

  /** Serves on a daemon thread, so a test that fails never waits for it. */
  private static void inTheBackground(Runnable serve) {
    Thread serving = new Thread(serve, "odd-body server");
    serving.setDaemon(true);
    serving.start();
  }

  /**
   * A client with {@code settings} whose deadline and read timeout are far beyond the tests' bounds:
   * waiting for the rest of a page would fail a test, not slow it down.
   */
  private static ControlServiceClient clientOf(ControlServiceSettings settings) {
    return new ControlServiceClient(settings.withCheckDeadline(Duration.ofMinutes(10)), Clock.systemUTC(), pause -> {});
  }

  /** Sends the headers of a 5,000-byte page and its first bytes, then nothing until told. */
  private static void servePartOfAPage(
      ServerSocket server, String status, String headers, byte[] firstBytes, CountDownLatch hungUp) {
    try (Socket connection = server.accept()) {
      InputStream in = connection.getInputStream();
      // The request ends with an empty line.
      for (int endOfLine = 0; endOfLine < 4; ) {
        int c = in.read();
        if (c < 0) {
          return;
        }
        endOfLine = c == '\r' || c == '\n' ? endOfLine + 1 : 0;
      }
      OutputStream out = connection.getOutputStream();
      out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/html\r\n" + headers + "Content-Length: 5000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(firstBytes);
      out.flush();
      hungUp.await();
    } catch (IOException | InterruptedException e) {
      // The test is over.
    }
  }

  @Test
  void aSecretCutInTwoByTheQuotedPartOfABodyIsNotQuotedInPart() {
    String accessToken = "at-0123456789abcdefghijklmnopqrstuvwxyz";
    controlService.stubTokenEndpoint(accessToken, 3600);
    // White space that the quote folds into one, so the cut token would be among the first characters shown.
    String padding = " ".repeat(4096 - "<html>".length() - 20);
    controlService.answerExecutions(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html>" + padding + accessToken + "</html>"));
    ControlServiceClient client =
        controlService.client(controlService.settings().withApiToken("api-token", controlService.tokenUrl()));

    ControlServiceException failure =
        catchThrowableOfType(ControlServiceException.class, () -> client.activeExecutions(TEAM, JOB));

    assertThat(failure.getMessage()).contains("<html>").doesNotContain(accessToken.substring(0, 12));
  }
}

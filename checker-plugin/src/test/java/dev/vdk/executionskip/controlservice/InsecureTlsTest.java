package dev.vdk.executionskip.controlservice;

import dev.vdk.testing.LogCapture;

import dev.vdk.executionskip.FakeTime;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import feign.Client;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TLS is verified unless switched off, and switching it off is announced. WireMock's HTTPS
 * port presents a self-signed certificate, which is exactly what verification must refuse. */
class InsecureTlsTest {

  private final FakeTime time = new FakeTime();
  private WireMockServer https;

  @BeforeEach
  void startHttps() {
    https = new WireMockServer(options().dynamicHttpsPort().httpDisabled(true).bindAddress("127.0.0.1"));
    https.start();
    https.stubFor(get(anyUrl()).willReturn(okJson("[]")));
  }

  @AfterEach
  void stopHttps() {
    https.stop();
  }

  private ControlServiceSettings settings() {
    return ControlServiceSettings.defaults(URI.create("https://127.0.0.1:" + https.httpsPort()))
        .withRetries(0, 0, 0);
  }

  @Test
  void refusesAnUntrustedCertificateByDefault() {
    ControlServiceClient client = new ControlServiceClient(settings(), time, time);

    assertThatThrownBy(() -> client.activeExecutions("team", "job"))
        .isInstanceOf(ControlServiceException.class);
    assertThat(https.getAllServeEvents()).isEmpty();
  }

  @Test
  void anUntrustedCertificateFailsAtOnceWithoutRetrying() {
    // Default retries: a certificate that fails once fails every time, so retrying only waits.
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("https://127.0.0.1:" + https.httpsPort()));
    AtomicInteger attempts = new AtomicInteger();
    Client verifying = ControlServiceHttp.defaultClient(settings);
    Client counting = (request, options) -> {
      attempts.incrementAndGet();
      return verifying.execute(request, options);
    };
    ControlServiceClient client = new ControlServiceClient(settings, time, time, counting);

    assertThatThrownBy(() -> client.activeExecutions("team", "job"))
        .isInstanceOf(ControlServiceException.class)
        .hasStackTraceContaining("SSLHandshakeException");
    assertThat(attempts).hasValue(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void withoutVerificationConnectsAndWarnsThatCertificatesAreNotVerified() {
    try (LogCapture logs = LogCapture.start()) {
      ControlServiceClient client =
          new ControlServiceClient(settings().withVerifySsl(false), time, time);

      assertThat(client.activeExecutions("team", "job").count()).isZero();
      assertThat(logs.records())
          .anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(String.join("\n", logs.lines())).contains("are not verified", "127.0.0.1");
          });
    }
  }
}

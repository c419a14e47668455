package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import dev.vdk.executionskip.controlservice.http.ControlServiceHttp;
import dev.vdk.testing.LogCapture;
import feign.Client;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TLS is verified unless switched off, and switching it off is announced. The stand-in's HTTPS
 * port presents a self-signed certificate, which is exactly what verification must refuse. */
class InsecureTlsTest {

  @RegisterExtension final StandInControlService https = StandInControlService.https();

  @BeforeEach
  void answerEverything() {
    https.server().stubFor(get(anyUrl()).willReturn(okJson("[]")));
  }

  private ControlServiceSettings settings() {
    return https.settings().withRetries(0, 0, 0);
  }

  @Test
  void refusesAnUntrustedCertificateByDefault() {
    ControlServiceClient client = https.client(settings());

    assertThatThrownBy(() -> client.activeExecutions("team", "job"))
        .isInstanceOf(ControlServiceException.class);
    assertThat(https.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void anUntrustedCertificateFailsAtOnceWithoutRetrying() {
    // Default retries: a certificate that fails once fails every time, so retrying only waits.
    ControlServiceSettings settings = https.settings();
    AtomicInteger attempts = new AtomicInteger();
    Client verifying = ControlServiceHttp.defaultClient(true, "the Control Service");
    Client counting = (request, options) -> {
      attempts.incrementAndGet();
      return verifying.execute(request, options);
    };
    ControlServiceClient client =
        new ControlServiceClient(settings, https.time(), https.time(), counting);

    assertThatThrownBy(() -> client.activeExecutions("team", "job"))
        .isInstanceOf(ControlServiceException.class)
        .hasStackTraceContaining("SSLHandshakeException");
    assertThat(attempts).hasValue(1);
    assertThat(https.time().sleeps()).isEmpty();
  }

  @Test
  void withoutVerificationConnectsAndWarnsThatCertificatesAreNotVerified() {
    try (LogCapture logs = LogCapture.start()) {
      ControlServiceClient client = https.client(settings().withVerifySsl(false));

      assertThat(client.activeExecutions("team", "job").count()).isZero();
      assertThat(logs.records())
          .anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(String.join("\n", logs.lines())).contains("are not verified", "127.0.0.1");
          });
    }
  }
}

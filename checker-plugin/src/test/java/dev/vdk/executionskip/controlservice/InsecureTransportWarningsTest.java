package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.FakeTime;
import dev.vdk.testing.LogCapture;
import java.net.URI;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Settings that expose the credentials on the network are announced when the client is made: TLS
 * verification turned off names every host it affects, the token endpoint's included, and a token
 * endpoint reached over plain http is named too.
 */
class InsecureTransportWarningsTest {

  private final FakeTime time = new FakeTime();

  private static List<String> warnings(LogCapture logs) {
    return logs.lines(record -> record.getLevel() == Level.WARNING);
  }

  @Test
  void turningTlsVerificationOffNamesTheControlServiceAndTheTokenEndpoint() {
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("https://control.example:8443/api"))
            .withApiToken("api-token-1", URI.create("https://idp.example/oauth/token"))
            .withVerifySsl(false);

    try (LogCapture logs = LogCapture.start()) {
      new ControlServiceClient(settings, time, time);

      assertThat(warnings(logs))
          .anySatisfy(line -> assertThat(line)
              .contains("not verified")
              .contains("control.example")
              .contains("idp.example")
              .contains("CONTROL_HTTP_VERIFY_SSL"));
    }
  }

  @Test
  void aPlainHttpTokenEndpointIsAWarning() {
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("https://control.example/api"))
            .withApiToken("api-token-1", URI.create("http://idp.example/oauth/token"));

    try (LogCapture logs = LogCapture.start()) {
      new ControlServiceClient(settings, time, time);

      assertThat(warnings(logs))
          .anySatisfy(line -> assertThat(line)
              .contains("idp.example/oauth/token")
              .contains("plain http")
              .contains("API_TOKEN_AUTHORIZATION_URL"));
    }
  }

  @Test
  void verifiedTlsEverywhereIsNoWarning() {
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("https://control.example/api"))
            .withApiToken("api-token-1", URI.create("https://idp.example/oauth/token"));

    try (LogCapture logs = LogCapture.start()) {
      new ControlServiceClient(settings, time, time);

      assertThat(warnings(logs)).isEmpty();
    }
  }
}

package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.FakeTime;
import dev.vdk.testing.LogCapture;
import java.net.URI;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Settings that expose the credentials on the network are announced when the client is made: TLS
 * verification turned off names every host it affects, the token endpoint's included, and a token
 * endpoint or a Control Service that is sent a token over plain http is named too.
 */
class InsecureTransportWarningsTest {

  private final FakeTime time = new FakeTime();

  /** The warnings logged while a client is made from {@code settings}. */
  private List<String> warningsOnceMade(ControlServiceSettings settings) {
    try (LogCapture logs = LogCapture.start()) {
      new ControlServiceClient(settings, time, time);
      return logs.lines(record -> record.getLevel() == Level.WARNING);
    }
  }

  @Test
  void turningTlsVerificationOffNamesTheControlServiceAndTheTokenEndpoint() {
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("https://control.example:8443/api"))
            .withApiToken("api-token-1", URI.create("https://idp.example/oauth/token"))
            .withVerifySsl(false);

    assertThat(warningsOnceMade(settings))
        .anySatisfy(line -> assertThat(line)
            .contains("not verified")
            .contains("control.example")
            .contains("idp.example")
            .contains("CONTROL_HTTP_VERIFY_SSL"));
  }

  @Test
  void aPlainHttpTokenEndpointIsAWarning() {
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("https://control.example/api"))
            .withApiToken("api-token-1", URI.create("http://idp.example/oauth/token"));

    assertThat(warningsOnceMade(settings))
        .anySatisfy(line -> assertThat(line)
            .contains("idp.example/oauth/token")
            .contains("plain http")
            .contains("API_TOKEN_AUTHORIZATION_URL"));
  }

  /** The API token itself, or the access token exchanged for it at an https token endpoint. */
  @ParameterizedTest(name = "token endpoint: {0}")
  @NullSource
  @ValueSource(strings = "https://idp.example/oauth/token")
  void aPlainHttpControlServiceThatIsSentATokenIsAWarning(String tokenUrl) {
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("http://control.example/api"))
            .withApiToken("api-token-1", tokenUrl == null ? null : URI.create(tokenUrl));

    assertThat(warningsOnceMade(settings))
        .singleElement()
        .satisfies(line -> assertThat(line)
            .contains("control.example/api")
            .contains("plain http")
            .contains("CONTROL_SERVICE_REST_API_URL")
            .doesNotContain("api-token-1"));
  }

  @Test
  void aPlainHttpControlServiceThatIsSentNoTokenIsNoWarning() {
    assertThat(warningsOnceMade(ControlServiceSettings.defaults(URI.create("http://control.example/api")))).isEmpty();
  }

  @Test
  void verifiedTlsEverywhereIsNoWarning() {
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("https://control.example/api"))
            .withApiToken("api-token-1", URI.create("https://idp.example/oauth/token"));

    assertThat(warningsOnceMade(settings)).isEmpty();
  }
}

package dev.vdk.executionskip.controlservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OAuthErrorCodeTest {

  @Test
  void theCodeIsFoundAfterADescriptionWhoseBytesAreNotUtf8() {
    byte[] error = "{\"error_description\": \"Benutzer f\u00fcr Anmeldung unbekannt\", \"error\": \"invalid_grant\"}"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(OAuthErrorCode.of(error, List.of())).isEqualTo("invalid_grant");
  }
}

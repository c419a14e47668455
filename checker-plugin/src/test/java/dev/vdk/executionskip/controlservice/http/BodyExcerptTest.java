package dev.vdk.executionskip.controlservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyExcerptTest {

  private static byte[] firstBytesOf(String body) {
    return Arrays.copyOf(body.getBytes(StandardCharsets.UTF_8), BodyExcerpt.READ_BYTES);
  }

  @Test
  void theStartOfALongBodyWithoutWhiteSpaceIsStillQuoted() {
    String body = "\r\n{\"error\":\"unauthorized\",\"trace\":\"" + "at.example.Filter.doFilter(Filter.java:42)\\n".repeat(200) + "\"}";
    assertThat(BodyExcerpt.of(firstBytesOf(body), false, List.of())).startsWith("{\"error\":\"unauthorized\"");
  }

  @Test
  void aSecretWithASpaceThatTheReadBytesCutIsNotQuotedInPart() {
    String secret = "correct horse battery staple";
    String body = "<html>" + " ".repeat(BodyExcerpt.READ_BYTES - 6 - 18) + secret + "</html>";
    assertThat(BodyExcerpt.of(firstBytesOf(body), false, List.of(secret))).isEqualTo("<html>");
  }

  @Test
  void aWholeBodyIsQuotedToItsEnd() {
    assertThat(BodyExcerpt.of("<p>Sign in</p>".getBytes(StandardCharsets.UTF_8), true, List.of("secret"))).isEqualTo("<p>Sign in</p>");
  }
}

package dev.vdk.executionskip.controlservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start of a body that may go on is quoted short of any character or secret its end cuts. */
class BodyExcerptCutTest {

  @Test
  void aSecretWhoseNonAsciiCharacterTheEndCutsIsNotQuotedInPart() {
    String secret = "secretpässword";
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    byte[] start = "Signed in with secretp".getBytes(StandardCharsets.UTF_8);
    head.writeBytes(" ".repeat(BodyExcerpt.READ_BYTES - start.length - 1).getBytes(StandardCharsets.UTF_8));
    head.writeBytes(start);
    // The first byte of "ä".
    head.write(0xC3);

    assertThat(BodyExcerpt.of(head.toByteArray(), false, List.of(secret))).isEqualTo("Signed in with");
  }

  @Test
  void aWholeBodyThatEndsInABrokenCharacterKeepsItsReplacement() {
    byte[] body = {'o', 'k', (byte) 0xC3};
    assertThat(BodyExcerpt.of(body, true, List.of())).isEqualTo("ok\uFFFD");
  }
}

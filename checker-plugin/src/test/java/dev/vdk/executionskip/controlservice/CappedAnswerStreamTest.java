package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedAnswerStreamTest {

  private static CappedAnswerStream capped(String body, long maxBytes) {
    return new CappedAnswerStream(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), maxBytes, 4);
  }

  @Test
  void anAnswerOfExactlyTheCapIsReadWhole() throws IOException {
    try (InputStream in = capped("[1,2]", 5)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    }
  }

  @Test
  void oneByteOverTheCapFails() {
    assertThatThrownBy(() -> capped("[1,23]", 5).readAllBytes())
        .isInstanceOf(CappedAnswerStream.TooLarge.class)
        .hasMessageContaining("past 5 bytes");
  }

  @Test
  void keepsOnlyTheFirstBytesForAnErrorToQuote() throws IOException {
    CappedAnswerStream in = capped("[1,2,3]", 100);

    in.readAllBytes();

    assertThat(new String(in.head(), StandardCharsets.UTF_8)).isEqualTo("[1,2");
  }

  @Test
  void skippedBytesCountTowardsTheCap() {
    assertThatThrownBy(() -> {
          CappedAnswerStream in = capped("0123456789", 5);
          while (in.skip(100) > 0) {
            // skip to the end
          }
        })
        .isInstanceOf(CappedAnswerStream.TooLarge.class);
  }
}

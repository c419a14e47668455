package dev.vdk.executionskip.controlservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What comes out is what the JDK's decoder reads in the bytes, as UTF-8, whatever the bytes. */
class ReplacingUtf8Test {

  @Test
  void validUtf8ComesOutUnchanged() throws IOException {
    String text = "[{\"id\": \"é ✓ 𝄞\"}]\uFEFF";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(new ReplacingUtf8(new ByteArrayInputStream(bytes)).readAllBytes()).isEqualTo(bytes);
  }

  @Test
  void anyBytesComeOutAsTheJdksDecoderReadsThem() throws IOException {
    Random random = new Random(20261129);
    for (int round = 0; round < 2000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        // Mostly the bytes UTF-8 is made of, so that sequences are often nearly valid.
        int pick = random.nextInt(6);
        bytes[i] = (byte) (pick == 0 ? random.nextInt(0x80) : pick == 1 ? 0xC0 + random.nextInt(0x40)
            : pick == 2 ? 0xE0 + random.nextInt(0x20) : 0x80 + random.nextInt(0x40));
      }
      String expected = new String(bytes, StandardCharsets.UTF_8);
      byte[] out = new ReplacingUtf8(new OneByteAtATime(bytes)).readAllBytes();
      assertThat(new String(out, StandardCharsets.UTF_8)).as("round %d", round).isEqualTo(expected);
      assertThat(out).as("round %d", round).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aCharacterOutsideTheBasicPlaneWhoseHalvesComeInTwoReadsComesOutWhole() throws IOException {
    String text = "x𝄞y";
    assertThat(new ReplacingUtf8(new OneCharAtATime(text)).readAllBytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void halfASurrogatePairAloneComesOutAsAReplacementCharacter() throws IOException {
    String text = "x\uD834y\uDD1Ez\uD834";
    assertThat(new String(new ReplacingUtf8(new OneCharAtATime(text)).readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("x\uFFFDy\uFFFDz\uFFFD");
  }

  /** Hands out one character per read, so a surrogate pair comes in halves. */
  private static final class OneCharAtATime extends Reader {
    private final StringReader text;

    OneCharAtATime(String text) {
      this.text = new StringReader(text);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      return text.read(buffer, offset, Math.min(length, 1));
    }

    @Override
    public void close() {
      text.close();
    }
  }
}

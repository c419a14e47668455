package dev.vdk.executionskip.controlservice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.executionskip.FakeTime;
import dev.vdk.executionskip.backend.Deadline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnswerStreamTest {

  private final FakeTime clock = new FakeTime();
  private final Deadline deadline = Deadline.after(Duration.ofSeconds(2), clock);

  private AnswerStream answer(String body, long maxBytes) {
    return new AnswerStream(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), maxBytes, deadline, 4, -1);
  }

  @Test
  void anAnswerOfExactlyTheCapIsReadWhole() throws IOException {
    try (InputStream in = answer("[1,2]", 5)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    }
  }

  @Test
  void oneByteOverTheCapFails() {
    assertThatThrownBy(() -> answer("[1,23]", 5).readAllBytes())
        .isInstanceOf(AnswerStream.TooLarge.class)
        .hasMessageContaining("past 5 bytes");
  }

  @Test
  void keepsOnlyTheFirstBytesForAnErrorToQuote() throws IOException {
    AnswerStream in = answer("[1,2,3]", 100);

    in.readAllBytes();

    assertThat(new String(in.head(), StandardCharsets.UTF_8)).isEqualTo("[1,2");
  }

  @Test
  void skippedBytesCountTowardsTheCap() {
    assertThatThrownBy(() -> {
          AnswerStream in = answer("0123456789", 5);
          while (in.skip(100) > 0) {
            // skip to the end
          }
        })
        .isInstanceOf(AnswerStream.TooLarge.class);
  }

  @Test
  void noReadIsMadeOnceTheDeadlineHasPassed() throws IOException {
    AnswerStream in = answer("[1,2,3]", 100);
    assertThat(in.read()).isEqualTo('[');

    clock.advance(Duration.ofSeconds(2));

    assertThatThrownBy(in::read).isInstanceOf(AnswerStream.DeadlinePassed.class);
    assertThatThrownBy(() -> in.read(new byte[8], 0, 8)).isInstanceOf(AnswerStream.DeadlinePassed.class);
    assertThatThrownBy(() -> in.skip(8)).isInstanceOf(AnswerStream.DeadlinePassed.class);
  }

  @Test
  void theRestOfTheHeadIsReadOnDemandForAnErrorToQuote() throws IOException {
    AnswerStream in = answer("<html>", 100);
    assertThat(in.read()).isEqualTo('<');

    in.readRestOfHead();

    assertThat(new String(in.head(), StandardCharsets.UTF_8)).isEqualTo("<htm");
  }

  @Test
  void readingTheRestOfTheHeadStopsAtTheDeadline() throws IOException {
    AnswerStream in = answer("<html>", 100);
    assertThat(in.read()).isEqualTo('<');
    clock.advance(Duration.ofSeconds(2));

    in.readRestOfHead();

    assertThat(new String(in.head(), StandardCharsets.UTF_8)).isEqualTo("<");
  }
}

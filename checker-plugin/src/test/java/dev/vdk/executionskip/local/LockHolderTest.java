package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockHolderTest {

  private static final LockHolder HOLDER = new LockHolder(
      "exec-1627583589244-9681d-tkr4l", "exec-1627583589244-9681d", 1234,
      Instant.parse("2026-03-01T10:15:30.123Z"));

  @Test
  void holderSurvivesTheRoundTripThroughTheFile() {
    assertThat(LockHolder.parse(HOLDER.toFileText())).contains(HOLDER);
  }

  @Test
  void aHalfWrittenFileIsNoHolderRatherThanAWrongOne() {
    String text = HOLDER.toFileText();
    for (int length = 0; length < text.length() - 1; length++) {
      assertThat(LockHolder.parse(text.substring(0, length))).as("first %d chars", length).isEmpty();
    }
  }

  @Test
  void foreignOrBrokenContentIsNoHolder() {
    assertThat(LockHolder.parse("")).isEmpty();
    assertThat(LockHolder.parse("hello\nend\n")).isEmpty();
    assertThat(LockHolder.parse(HOLDER.toFileText().replace("pid=1234", "pid=12x4"))).isEmpty();
  }

  @Test
  void aLineBreakInAnIdCannotForgeAnotherKey() {
    LockHolder sneaky = new LockHolder("a\npid=1", "e", 7, HOLDER.startedAt());
    assertThat(LockHolder.parse(sneaky.toFileText()).map(LockHolder::pid)).contains(7L);
  }

  @Test
  void describesTheHolderWithIdsPidAndStartTime() {
    assertThat(HOLDER.describe()).isEqualTo(
        "attempt exec-1627583589244-9681d-tkr4l of execution exec-1627583589244-9681d "
            + "(pid 1234, started 2026-03-01T10:15:30.123Z)");
  }
}

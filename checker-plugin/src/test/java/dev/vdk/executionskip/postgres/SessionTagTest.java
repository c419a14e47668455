package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionTagTest {

  @Test
  void aUsualAttemptIsWrittenAsItsSuffixAndReadBackWhole() {
    SessionTag tag = new SessionTag(
        "mzhivkov-test-job3-latest-1627583589244-9681d",
        "mzhivkov-test-job3-latest-1627583589244-9681d-tkr4l");

    assertThat(tag.toApplicationName())
        .isEqualTo("vdk-skip mzhivkov-test-job3-latest-1627583589244-9681d *-tkr4l")
        .hasSizeLessThanOrEqualTo(SessionTag.MAX_LENGTH);
    assertThat(SessionTag.fromApplicationName(tag.toApplicationName())).contains(tag);
  }

  @Test
  void anAttemptThatIsNotTheExecutionPlusASuffixIsWrittenInFull() {
    SessionTag tag = new SessionTag("exec", "other-attempt");

    assertThat(tag.toApplicationName()).isEqualTo("vdk-skip exec other-attempt");
    assertThat(SessionTag.fromApplicationName(tag.toApplicationName())).contains(tag);
  }

  @Test
  void whenBothIdsDoNotFitOnlyTheExecutionIsKept() {
    String execution = "e".repeat(50);
    SessionTag tag = new SessionTag(execution, "unrelated-attempt-id");

    assertThat(SessionTag.fromApplicationName(tag.toApplicationName()))
        .contains(new SessionTag(execution, null));
  }

  @Test
  void idsThatTheServerWouldMangleAreShownCutButNeverParsed() {
    for (SessionTag tag : new SessionTag[] {
        new SessionTag("e".repeat(80), "a"), new SessionTag("éxecution", "éxecution-1")}) {
      String name = tag.toApplicationName();

      assertThat(name).startsWith("vdk-skip~ ").hasSizeLessThanOrEqualTo(SessionTag.MAX_LENGTH)
          .matches("[\\x20-\\x7E]*");
      assertThat(SessionTag.fromApplicationName(name)).isEmpty();
    }
  }

  @Test
  void otherApplicationNamesAreNotTags() {
    assertThat(SessionTag.fromApplicationName(null)).isEmpty();
    assertThat(SessionTag.fromApplicationName("psql")).isEmpty();
    assertThat(SessionTag.fromApplicationName("vdk-skip ")).isEmpty();
  }
}

package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** UidWithoutUserEntryIT (example-job) runs the whole job under such a uid. */
class OsUserTest {
  @Test
  void theKernelsUidWinsOverTheUserDatabaseWhichHasNoEntryForIt() {
    // What the user database gives a uid without an entry: uid 0 and no name.
    OsUser user = OsUser.of(OptionalLong.of(10001), 0, null);

    assertThat(user).isEqualTo(new OsUser(10001, null));
    assertThat(user.describe()).isEqualTo("uid 10001");
  }

  @Test
  void theNameIsKeptWhenTheDatabaseKnowsTheSameUid() {
    assertThat(OsUser.of(OptionalLong.of(1000), 1000, "alice").describe()).isEqualTo("alice (uid 1000)");
  }

  @Test
  void aNameOfAnotherUidIsNotShown() {
    assertThat(OsUser.of(OptionalLong.of(1001), 1000, "alice")).isEqualTo(new OsUser(1001, null));
  }

  @Test
  void withoutTheKernelsAnswerTheDatabasesEntryIsUsed() {
    assertThat(OsUser.of(OptionalLong.empty(), 1000, "alice")).isEqualTo(new OsUser(1000, "alice"));
  }

  @Test
  void withNeitherTheUidIsUnknownAndTheErrorSaysWhatToDo() {
    assertThatThrownBy(() -> OsUser.of(OptionalLong.empty(), 0, null))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("no entry in the user database")
        .hasMessageContaining("useradd");
  }

  @Test
  void theCurrentUserOwnsWhatThisProcessCreates() throws Exception {
    Path created = Files.createTempFile("os-user", ".tmp");
    try {
      assertThat(OsUser.current().uid()).isEqualTo(((Number) Files.getAttribute(created, "unix:uid")).longValue());
    } finally {
      Files.delete(created);
    }
  }
}

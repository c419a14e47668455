package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example job's commit: rows and checkpoint together, refused to a run that was taken over. */
class FencedCommitTest {
  @TempDir Path directory;

  private DataFiles files() {
    return new DataFiles(directory);
  }

  private static List<Record> records(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to)
        .mapToObj(id -> new Record(id, "2026-11-01T00:00:00Z", "c", "1.00"))
        .toList();
  }

  private List<String> output() throws Exception {
    return Files.readAllLines(files().output(), StandardCharsets.UTF_8);
  }

  @Test
  void aCommitStoresTheRunsTokenWithTheCheckpoint() throws Exception {
    Checkpoint committed = new FencedCommit(files()).commit(Checkpoint.NONE, records(1, 3), OptionalLong.of(4));

    assertThat(committed).isEqualTo(new Checkpoint(3, OptionalLong.of(4)));
    assertThat(Files.readString(files().checkpoint())).isEqualTo("3\nfencing_token=4\n");
    assertThat(output()).containsExactly(DataFiles.HEADER, "1,2026-11-01T00:00:00Z,c,1.00",
        "2,2026-11-01T00:00:00Z,c,1.00", "3,2026-11-01T00:00:00Z,c,1.00");
  }

  @Test
  void aRunWhoseTokenIsLowerThanTheLastCommittedIsRefusedAndWritesNothing() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.of(5));
    Checkpoint stale = files().readCheckpoint();
    List<String> before = output();

    assertThatThrownBy(() -> commit.commit(stale, records(4, 5), OptionalLong.of(4)))
        .isInstanceOf(CommitRefusedException.class)
        .hasMessage("Refused to commit: this run's fencing token 4 is lower than 5, the token of the run that"
            + " committed last, so another run took the job over after this run's lease was lost. Nothing was"
            + " written.");
    assertThat(output()).isEqualTo(before);
    assertThat(files().readCheckpoint()).isEqualTo(new Checkpoint(3, OptionalLong.of(5)));
  }

  @Test
  void aRunWithATokenIsRefusedWhenTheCheckpointMovedSinceItReadIt() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    // Both read the empty checkpoint; the first commits, then the second.
    commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.of(1));

    assertThatThrownBy(() -> commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.of(2)))
        .isInstanceOf(CommitRefusedException.class)
        .hasMessageStartingWith("Refused to commit: the checkpoint moved from 0 to 3 since this run read it");
    assertThat(output()).hasSize(4);
  }

  @Test
  void aRunWithoutATokenCommitsAsAnUnguardedLoadAlwaysDid() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.empty());

    Checkpoint committed = commit.commit(new Checkpoint(3, OptionalLong.empty()), records(4, 4), OptionalLong.empty());

    assertThat(committed).isEqualTo(new Checkpoint(4, OptionalLong.empty()));
    assertThat(output()).hasSize(5);
  }

  @Test
  void aRunWithoutATokenIsRefusedWhenTheCheckpointMovedSinceItReadIt() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    // Both read the empty checkpoint: one without a token commits first, then the other.
    commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.empty());

    assertThatThrownBy(() -> commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.empty()))
        .isInstanceOf(CommitRefusedException.class)
        .hasMessageStartingWith("Refused to commit: the checkpoint moved from 0 to 3 since this run read it");
    assertThat(output()).hasSize(4);
  }

  @Test
  void aRunWithoutATokenBesideAGuardedRunDoesNotLoadTheRecordsAgain() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    // Both read the empty checkpoint; the guarded run commits first, then the run the guard let
    // go ahead after a failed check.
    commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.of(7));

    assertThatThrownBy(() -> commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.empty()))
        .isInstanceOf(CommitRefusedException.class);
    assertThat(output()).hasSize(4);
  }

  @Test
  void aRunWithoutATokenIsRefusedOnceAGuardedRunHasStoredItsToken() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.of(7));
    List<String> before = output();

    assertThatThrownBy(() -> commit.commit(files().readCheckpoint(), records(4, 4), OptionalLong.empty()))
        .isInstanceOf(CommitRefusedException.class)
        .hasMessageStartingWith("Refused to commit: this run has no fencing token, and the checkpoint holds"
            + " fencing token 7");
    assertThat(output()).isEqualTo(before);
    assertThat(files().readCheckpoint()).isEqualTo(new Checkpoint(3, OptionalLong.of(7)));
  }

  @Test
  void aStaleRunIsRefusedOnceANewerRunHasReadTheCheckpoint() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    commit.commit(Checkpoint.NONE, records(1, 2), OptionalLong.of(1));
    Checkpoint readByStale = commit.read(OptionalLong.of(1));
    // The run that took over reads the checkpoint before the stale run resumes and commits.
    Checkpoint readByNewer = commit.read(OptionalLong.of(2));

    assertThatThrownBy(() -> commit.commit(readByStale, records(3, 5), OptionalLong.of(1)))
        .isInstanceOf(CommitRefusedException.class)
        .hasMessageStartingWith("Refused to commit: this run's fencing token 1 is lower than 2");
    assertThat(commit.commit(readByNewer, records(3, 5), OptionalLong.of(2)))
        .isEqualTo(new Checkpoint(5, OptionalLong.of(2)));
    assertThat(output()).extracting(line -> line.split(",")[0]).containsExactly("id", "1", "2", "3", "4", "5");
  }

  @Test
  void readingClaimsAHigherTokenWithoutMovingTheCheckpointAndNeverLowersIt() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    commit.commit(Checkpoint.NONE, records(1, 2), OptionalLong.of(3));

    assertThat(commit.read(OptionalLong.of(5))).isEqualTo(new Checkpoint(2, OptionalLong.of(5)));
    assertThat(commit.read(OptionalLong.of(4))).isEqualTo(new Checkpoint(2, OptionalLong.of(5)));
    assertThat(commit.read(OptionalLong.empty())).isEqualTo(new Checkpoint(2, OptionalLong.of(5)));
    assertThat(files().readCheckpoint()).isEqualTo(new Checkpoint(2, OptionalLong.of(5)));
  }

  @Test
  void aRunAskedToStopIsRefusedAndWritesNothing() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    Checkpoint read = commit.read(OptionalLong.of(1));

    assertThatThrownBy(() -> commit.commit(read, records(1, 3), OptionalLong.of(1), () -> true))
        .isInstanceOf(CommitRefusedException.class)
        .hasMessageStartingWith("Refused to commit: this run was asked to stop");
    assertThat(files().output()).doesNotExist();
    assertThat(files().readCheckpoint()).isEqualTo(new Checkpoint(0, OptionalLong.of(1)));
  }

  @Test
  void rowsOfACommitThatDiedBeforeItsCheckpointAreCutByTheNextCommit() throws Exception {
    FencedCommit commit = new FencedCommit(files());
    commit.commit(Checkpoint.NONE, records(1, 2), OptionalLong.of(1));
    // A commit that appended 3 and 4, then died before moving the checkpoint.
    Files.writeString(files().output(), "3,x,c,1.00\n4,x,c,1", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    commit.commit(files().readCheckpoint(), records(3, 4), OptionalLong.of(2));

    assertThat(output()).extracting(line -> line.split(",")[0]).containsExactly("id", "1", "2", "3", "4");
  }

  @Test
  void aCheckpointOfAnEarlierVersionIsReadAsItsId() {
    assertThat(Checkpoint.parse("10")).isEqualTo(new Checkpoint(10, OptionalLong.empty()));
  }
}

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
    commit.commit(Checkpoint.NONE, records(1, 3), OptionalLong.of(7));

    Checkpoint committed = commit.commit(new Checkpoint(3, OptionalLong.of(7)), records(4, 4), OptionalLong.empty());

    assertThat(committed).as("the last token stays").isEqualTo(new Checkpoint(4, OptionalLong.of(7)));
    assertThat(output()).hasSize(5);
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

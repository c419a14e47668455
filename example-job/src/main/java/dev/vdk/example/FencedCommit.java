package dev.vdk.example;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * How the example job commits: new output rows and the checkpoint together, as a sink that knows
 * fencing tokens would. A commit goes through only on top of the checkpoint its run read; a run
 * with a token only when no run with a larger token has read or committed since; a run without a
 * token (the guard off, or a backend without tokens) only while no token is stored, since a run
 * without one cannot tell whether a guarded run holds the job. Otherwise nothing is written. That
 * keeps a run that lost its lease while it paused (a long garbage collection, a frozen machine), or
 * that went ahead after a failed check, from loading records again that another run has loaded.
 *
 * <p>Reading claims the run's token: stored in the checkpoint, with the last id unchanged, it
 * refuses a run with a lower token even before the newer run commits. One read or commit at a
 * time, under an OS lock on {@code commit.lock}: the check and the write are one step. The
 * checkpoint's atomic replacement is the commit point: rows appended past the last committed
 * record by a commit that died before it are cut by the next commit.
 */
final class FencedCommit {
  private final DataFiles files;

  FencedCommit(DataFiles files) {
    this.files = files;
  }

  /**
   * The checkpoint to choose rows against, with {@code token} stored in it when it is higher than
   * the one there; the last id does not move.
   */
  Checkpoint read(OptionalLong token) throws IOException {
    try (FileChannel lockFile = lockFile()) {
      // Waits for a read or commit of another process; closing the channel lets the lock go.
      lockFile.lock();
      Checkpoint current = files.readCheckpoint();
      if (token.isEmpty()
          || (current.fencingToken().isPresent() && current.fencingToken().getAsLong() >= token.getAsLong())) {
        return current;
      }
      Checkpoint claimed = new Checkpoint(current.lastId(), token);
      writeCheckpoint(claimed);
      return claimed;
    }
  }

  /** {@link #commit(Checkpoint, List, OptionalLong, BooleanSupplier)} for a run never asked to stop. */
  Checkpoint commit(Checkpoint read, List<Record> rows, OptionalLong token)
      throws IOException, CommitRefusedException {
    return commit(read, rows, token, () -> false);
  }

  /**
   * Appends {@code rows} and moves the checkpoint to their last id.
   *
   * @param read the checkpoint the rows were chosen against
   * @param token the run's fencing token, if it has one
   * @param stopRequested whether the run has been asked to stop (it lost its lease), asked once
   *     the other checks pass, just before writing
   * @return the checkpoint now committed
   * @throws CommitRefusedException when another run has read or committed since, or this run was
   *     asked to stop; nothing was written
   */
  Checkpoint commit(Checkpoint read, List<Record> rows, OptionalLong token, BooleanSupplier stopRequested)
      throws IOException, CommitRefusedException {
    try (FileChannel lockFile = lockFile()) {
      // Waits for a read or commit of another process; closing the channel lets the lock go.
      lockFile.lock();
      Checkpoint current = files.readCheckpoint();
      refuseUnlessNewest(current, token);
      if (current.lastId() != read.lastId()) {
        throw new CommitRefusedException(
            "Refused to commit: the checkpoint moved from " + read.lastId() + " to " + current.lastId()
                + " since this run read it, so another run has loaded those records. Nothing was written.");
      }
      if (stopRequested.getAsBoolean()) {
        throw new CommitRefusedException(
            "Refused to commit: this run was asked to stop, as it lost its lease, so another run may load"
                + " these records. Nothing was written.");
      }
      long lastId = rows.stream().mapToLong(Record::id).max().orElse(current.lastId());
      Checkpoint next = new Checkpoint(lastId, token.isPresent() ? token : current.fencingToken());
      appendAfterCommitted(current.lastId(), rows);
      writeCheckpoint(next);
      return next;
    }
  }

  private FileChannel lockFile() throws IOException {
    return FileChannel.open(
        files.directory().resolve("commit.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private static void refuseUnlessNewest(Checkpoint current, OptionalLong token) throws CommitRefusedException {
    if (current.fencingToken().isEmpty()) {
      return;
    }
    long stored = current.fencingToken().getAsLong();
    if (token.isEmpty()) {
      throw new CommitRefusedException(
          "Refused to commit: this run has no fencing token, and the checkpoint holds fencing token " + stored
              + ", so a guarded run has read or committed it and may be loading these records. Nothing was"
              + " written. Run the job with a backend that hands out tokens, or, once no guarded run is"
              + " left, remove the fencing_token line from the checkpoint.");
    }
    if (token.getAsLong() < stored) {
      throw new CommitRefusedException(
          "Refused to commit: this run's fencing token " + token.getAsLong() + " is lower than " + stored
              + ", the token of the run that committed last, so another run took the job over after this"
              + " run's lease was lost. Nothing was written.");
    }
  }

  /** Cuts rows of an unfinished commit (past {@code committedId}), then appends and syncs. */
  private void appendAfterCommitted(long committedId, List<Record> rows) throws IOException {
    if (!Files.exists(files.output())) {
      Files.writeString(files.output(), DataFiles.HEADER + "\n", StandardCharsets.UTF_8);
    }
    try (FileChannel output = FileChannel.open(files.output(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      output.truncate(committedLength(committedId));
      StringBuilder text = new StringBuilder();
      rows.forEach(r -> text.append(r.toCsv()).append('\n'));
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      long at = output.size();
      while (bytes.hasRemaining()) {
        at += output.write(bytes, at);
      }
      output.force(true);
    }
  }

  /** Bytes of the header and every row up to the last one with an id the checkpoint covers. */
  private long committedLength(long committedId) throws IOException {
    List<String> lines = Files.readAllLines(files.output(), StandardCharsets.UTF_8);
    long length = 0;
    long committed = 0;
    for (int i = 0; i < lines.size(); i++) {
      length += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
      if (i == 0 || lines.get(i).isBlank() || idOf(lines.get(i)) <= committedId) {
        committed = length;
      }
    }
    return committed;
  }

  private static long idOf(String row) {
    try {
      return Long.parseLong(row.substring(0, row.indexOf(',')).trim());
    } catch (RuntimeException e) {
      // Not a row of ours: kept, as if committed.
      return Long.MIN_VALUE;
    }
  }

  /** Written to a temporary file, synced and moved into place: the commit point. */
  private void writeCheckpoint(Checkpoint checkpoint) throws IOException {
    var temporary = Files.createTempFile(files.directory(), "checkpoint", ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(checkpoint.toText().getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
    Files.move(temporary, files.checkpoint(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

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

/**
 * How the example job commits: new output rows and the checkpoint together, as a sink that knows
 * fencing tokens would. A run with a token commits only when no run with a larger token has
 * committed before it, and only on top of the checkpoint it read; otherwise nothing is written.
 * That keeps a run that lost its lease while it paused (a long garbage collection, a frozen
 * machine) from loading records again that the run which took over has loaded. A run without a
 * token (the guard off, or a backend without tokens) commits as before.
 *
 * <p>One commit at a time, under an OS lock on {@code commit.lock}: the check and the write are
 * one step. The checkpoint's atomic replacement is the commit point: rows appended past the last
 * committed record by a commit that died before it are cut by the next commit.
 */
final class FencedCommit {
  private final DataFiles files;

  FencedCommit(DataFiles files) {
    this.files = files;
  }

  /**
   * Appends {@code rows} and moves the checkpoint to their last id.
   *
   * @param read the checkpoint the rows were chosen against
   * @param token the run's fencing token, if it has one
   * @return the checkpoint now committed
   * @throws CommitRefusedException when a newer run has committed; nothing was written
   */
  Checkpoint read(OptionalLong token) throws IOException {
    return files.readCheckpoint();
  }

  Checkpoint commit(Checkpoint read, List<Record> rows, OptionalLong token, java.util.function.BooleanSupplier s)
      throws IOException, CommitRefusedException {
    return commit(read, rows, token);
  }

  Checkpoint commit(Checkpoint read, List<Record> rows, OptionalLong token)
      throws IOException, CommitRefusedException {
    try (FileChannel lockFile = FileChannel.open(
        files.directory().resolve("commit.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      // Waits for a commit of another process; closing the channel lets the lock go.
      lockFile.lock();
      Checkpoint current = files.readCheckpoint();
      if (token.isPresent()) {
        refuseUnlessNewest(read, current, token.getAsLong());
      }
      long lastId = rows.stream().mapToLong(Record::id).max().orElse(current.lastId());
      Checkpoint next = new Checkpoint(lastId, token.isPresent() ? token : current.fencingToken());
      appendAfterCommitted(current.lastId(), rows);
      writeCheckpoint(next);
      return next;
    }
  }

  private static void refuseUnlessNewest(Checkpoint read, Checkpoint current, long token)
      throws CommitRefusedException {
    if (current.fencingToken().isPresent() && token < current.fencingToken().getAsLong()) {
      throw new CommitRefusedException(
          "Refused to commit: this run's fencing token " + token + " is lower than "
              + current.fencingToken().getAsLong() + ", the token of the run that committed last, so another"
              + " run took the job over after this run's lease was lost. Nothing was written.");
    }
    if (current.lastId() != read.lastId()) {
      throw new CommitRefusedException(
          "Refused to commit: the checkpoint moved from " + read.lastId() + " to " + current.lastId()
              + " since this run read it, so another run has loaded those records. Nothing was written.");
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

package dev.vdk.executionskip.local;

import dev.vdk.executionskip.local.LockFileOpener.Opened;
import dev.vdk.executionskip.local.LockPathTrust.TrustedFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The local backend's fencing tokens: a counter file next to each job's lock file, moved on by
 * one by every execution that takes the lock, while it holds it. It is opened and checked exactly
 * as a lock file is (no link followed, this user's own file, same inode before and after opening),
 * and never deleted.
 *
 * <p>The counter is written as {@value #DIGITS} digits and a line break, in place, then forced to
 * disk before the token is handed out. Same width, and a larger number: a write cut short by a
 * crash leaves the new digits' beginning on the old digits' end, which reads as the old number or
 * a larger one, never a smaller. An empty file counts as 0.
 */
final class FencingCounter {
  static final int DIGITS = 19;
  private static final Pattern COUNTER = Pattern.compile("\\d{" + DIGITS + "}\n");

  private final LockFileOpener opener;

  FencingCounter(LockFileOpener opener) {
    this.opener = opener;
  }

  /** The file next to {@code lockFile} that holds its job's counter. */
  static Path besides(Path lockFile) {
    String name = lockFile.getFileName().toString();
    return lockFile.resolveSibling(name.substring(0, name.length() - ".lock".length()) + ".fencing");
  }

  /**
   * The next token of the job whose lock the caller holds.
   *
   * @throws LockPathRejectedException when the file cannot be trusted or holds no counter
   */
  long next(Path counterFile, TrustedFolder folder) throws IOException {
    Opened opened = opener.open(counterFile, folder);
    try (FileChannel channel = opened.channel()) {
      opener.confirm(counterFile, opened, folder);
      long next = Math.addExact(read(channel, counterFile), 1);
      ByteBuffer text = ByteBuffer.wrap(
          String.format("%0" + DIGITS + "d\n", next).getBytes(StandardCharsets.US_ASCII));
      while (text.hasRemaining()) {
        channel.write(text, text.position());
      }
      channel.force(true);
      return next;
    }
  }

  private static long read(FileChannel channel, Path counterFile) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(DIGITS + 2);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // keep reading: a read may return fewer bytes than are there
    }
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    if (text.isEmpty()) {
      return 0;
    }
    if (!COUNTER.matcher(text).matches()) {
      throw new LockPathRejectedException(
          "The fencing counter " + counterFile + " does not hold a counter (" + DIGITS + " digits and a line"
              + " break), so the job's next token is unknown. Write into it the highest token your job's"
              + " store has accepted, in that form.");
    }
    return Long.parseLong(text.substring(0, DIGITS));
  }
}

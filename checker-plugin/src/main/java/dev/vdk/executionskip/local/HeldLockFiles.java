package dev.vdk.executionskip.local;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock files this process holds or is acquiring, and by whom.
 *
 * <p>Why it exists: OS file locks ({@code fcntl} on Linux, which {@code FileChannel.tryLock} uses)
 * belong to the process, and closing <em>any</em> descriptor of the file in the process drops
 * them. A second acquire in the same JVM that opened the file, got {@code
 * OverlappingFileLockException} and closed its channel would silently free the first holder's
 * lock for every other process (verified on Linux with JDK 17). So the backend consults this table
 * first and never opens a lock file that its own process holds.
 *
 * <p>That makes the table a fact about the whole process, like the OS locks it mirrors: {@link
 * #PROCESS_WIDE} is the one every backend shares unless a test gives it its own.
 */
final class HeldLockFiles {
  /**
   * The table of this JVM. Static on purpose, the one exception to "no static state": two backend
   * instances over the same directory must see each other's locks, exactly as the OS does.
   */
  static final HeldLockFiles PROCESS_WIDE = new HeldLockFiles();

  // Empty Optional: reserved by a thread that is acquiring the OS lock right now.
  private final ConcurrentHashMap<Path, Optional<LockHolder>> files = new ConcurrentHashMap<>();

  /** Claims the file for the calling acquire; false when this process already has it. */
  boolean tryReserve(Path lockFile) {
    return files.putIfAbsent(lockFile, Optional.empty()) == null;
  }

  void recordHolder(Path lockFile, LockHolder holder) {
    files.put(lockFile, Optional.of(holder));
  }

  /** The holder in this process, if it is known yet. */
  Optional<LockHolder> holderOf(Path lockFile) {
    return files.getOrDefault(lockFile, Optional.empty());
  }

  void release(Path lockFile) {
    files.remove(lockFile);
  }
}

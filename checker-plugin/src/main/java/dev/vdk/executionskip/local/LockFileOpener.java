package dev.vdk.executionskip.local;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.vdk.executionskip.local.LockPathTrust.TrustedFolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Opens a job's lock file without ever following a link, and confirms, once the lock is taken, that
 * the file opened is the file checked.
 *
 * <p>Java cannot {@code fstat} an open channel, so the check is: {@code lstat} and check the name,
 * open it with {@code O_NOFOLLOW} (a link fails the open), take the lock, {@code lstat} and check
 * again, and require the same device and inode both times. Nothing is written before that. What
 * remains: someone who can write the folder could swap the name for another regular file and back
 * between the open and the second look. Only this user and root can write a private folder, and
 * the group too a shared one; the file they could slip in is a regular file with one link that
 * they can write themselves, and it would get holder info written into it.
 */
final class LockFileOpener {
  private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> GROUP_FILE = PosixFilePermissions.fromString("rw-rw----");

  private final LockPathTrust trust;

  LockFileOpener(LockPathTrust trust) {
    this.trust = trust;
  }

  /** An open lock file and what {@code lstat} saw of it when it was opened. */
  record Opened(FileChannel channel, FileFacts checked) {}

  /** Opens the lock file, creating it when missing; throws when it cannot be trusted. */
  Opened open(Path lockFile, TrustedFolder folder) throws IOException {
    if (FileFacts.read(lockFile).isEmpty()) {
      try {
        FileChannel created = createNew(lockFile, folder);
        return new Opened(created, checkedNow(lockFile, folder, created));
      } catch (FileAlreadyExistsException e) {
        // Another run created it a moment ago (or left a link there): checked below like any other.
      }
    }
    FileFacts checked = existing(lockFile);
    trust.checkFile(lockFile, checked, folder);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, READ, WRITE, NOFOLLOW_LINKS);
    } catch (FileSystemException e) {
      // ELOOP: the name became a link after the check. Any other failure is reported as it is.
      throw FileFacts.read(lockFile).filter(now -> now.kind() == FileFacts.Kind.SYMBOLIC_LINK).isPresent()
          ? new LockPathRejectedException("The lock file " + lockFile + " became a symbolic link while"
              + " it was being opened; the local backend never follows or writes through a link.")
          : e;
    }
    return new Opened(channel, checked);
  }

  /** Throws unless the name still denotes the file that was opened and checked. */
  void confirm(Path lockFile, Opened opened, TrustedFolder folder) throws IOException {
    FileFacts now = existing(lockFile);
    trust.checkFile(lockFile, now, folder);
    if (!now.fileKey().equals(opened.checked().fileKey())) {
      throw new LockPathRejectedException(
          "The lock file " + lockFile + " was replaced by another file while it was being opened;"
              + " nothing was written to either.");
    }
  }

  private static FileChannel createNew(Path lockFile, TrustedFolder folder) throws IOException {
    Set<PosixFilePermission> mode = folder.shared() ? GROUP_FILE : PRIVATE_FILE;
    FileChannel channel = FileChannel.open(
        lockFile, Set.of(CREATE_NEW, READ, WRITE, NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(mode));
    if (folder.shared()) {
      try {
        // The umask may have taken the group's write bit; without it other members cannot lock.
        // NOFOLLOW_LINKS makes this an fchmod of the file itself, never of a link's target. Until
        // it is done (microseconds, on a job's first run in the folder) another member would find
        // the file not writable and fail its check: the error policy applies to that run.
        Files.getFileAttributeView(lockFile, PosixFileAttributeView.class, NOFOLLOW_LINKS).setPermissions(mode);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }
    return channel;
  }

  private FileFacts checkedNow(Path lockFile, TrustedFolder folder, FileChannel created) throws IOException {
    try {
      FileFacts facts = existing(lockFile);
      trust.checkFile(lockFile, facts, folder);
      return facts;
    } catch (IOException | RuntimeException e) {
      created.close();
      throw e;
    }
  }

  private static FileFacts existing(Path lockFile) throws IOException {
    return FileFacts.read(lockFile)
        .orElseThrow(() -> new LockPathRejectedException(
            "The lock file " + lockFile + " vanished while it was being opened; lock files are never"
                + " deleted by the local backend, so someone else removed it."));
  }
}

package dev.vdk.executionskip.local;

import static dev.vdk.executionskip.local.LocalFileLockProvider.EXECUTION_SKIP_LOCAL_LOCK_DIR;

import dev.vdk.executionskip.local.FileFacts.Kind;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What the local backend trusts: a folder and files that only this user can write, or a folder
 * that its owner shares on purpose with a group. Anything else is refused with a {@link
 * LockPathRejectedException} that names the path and what is wrong; nothing is written through it.
 *
 * <p>A <b>private</b> folder belongs to this user and is writable by no one else; so are its lock
 * files. A <b>shared</b> folder (never the default one) is group-writable with the setgid bit
 * (mode 2770), belongs to this user or to root, and is not writable by others. Its lock files are
 * trusted when they are this user's or belong to the folder's group: only the group's members can
 * create files there, and setgid gives every new file the folder's group. That trusts every member
 * of the group to hold, block or overwrite the job's lock file.
 *
 * <p>Parent folders are not checked: the default folder's parent is the sticky temp folder, where
 * no other user can rename or replace an entry of ours.
 */
final class LockPathTrust {
  private final OsUser me;

  LockPathTrust(OsUser me) {
    this.me = me;
  }

  /** The checked folder, created private to this user when missing. */
  TrustedFolder folder(LockFolder folder) throws IOException {
    Path path = folder.path();
    FileFacts facts = FileFacts.read(path).orElse(null);
    if (facts == null) {
      create(path);
      facts = FileFacts.read(path)
          .orElseThrow(() -> new LockPathRejectedException(
              "The lock folder " + path + " (" + EXECUTION_SKIP_LOCAL_LOCK_DIR + ") vanished right"
                  + " after it was created."));
    }
    boolean shared = checkFolder(path, facts, folder.mayBeShared());
    return new TrustedFolder(path.toRealPath(), facts.gid(), shared);
  }

  private static void create(Path path) throws IOException {
    try {
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      if (!e.getFile().equals(path.toString())) {
        throw notAFolder(Path.of(e.getFile()), "the lock folder " + path + " cannot be created: ");
      }
      // Another run created it a moment ago; it is checked like any existing folder.
    }
  }

  /** Whether the folder is shared with its group; throws when it cannot be trusted. */
  private boolean checkFolder(Path path, FileFacts facts, boolean mayBeShared) throws LockPathRejectedException {
    String it = "The lock folder " + path + " (" + EXECUTION_SKIP_LOCAL_LOCK_DIR + ")";
    switch (facts.kind()) {
      case SYMBOLIC_LINK -> throw new LockPathRejectedException(
          it + " is a symbolic link; the local backend follows no link. Set "
              + EXECUTION_SKIP_LOCAL_LOCK_DIR + " to the folder it points to.");
      case REGULAR_FILE, OTHER -> throw notAFolder(path, "");
      default -> { }
    }
    if (facts.writableByOthers()) {
      throw new LockPathRejectedException(
          it + " is writable by others (" + facts.modeText() + "); make it private (chmod 700).");
    }
    if (!facts.writableByGroup()) {
      requireMine(it, facts);
      return false;
    }
    if (!mayBeShared) {
      throw new LockPathRejectedException(
          it + " is writable by its " + facts.group() + ", " + facts.modeText() + "; the default"
              + " lock folder must be private to its user (chmod 700).");
    }
    if (!facts.setgid()) {
      throw new LockPathRejectedException(
          it + " is writable by its " + facts.group() + " but not setgid, " + facts.modeText()
              + "; make it private (chmod 700), or share it with the group on purpose (chmod 2770).");
    }
    if (facts.uid() != me.uid() && facts.uid() != OsUser.ROOT_UID) {
      throw new LockPathRejectedException(
          it + " is owned by " + facts.owner() + ", not by " + me.describe() + " or root; a lock"
              + " folder shared with a group must belong to one of them.");
    }
    return true;
  }

  /** Throws unless the lock file, as {@code lstat} saw it, may be opened, locked and written. */
  void checkFile(Path lockFile, FileFacts facts, TrustedFolder folder) throws LockPathRejectedException {
    String it = "The lock file " + lockFile;
    if (facts.kind() == Kind.SYMBOLIC_LINK) {
      throw new LockPathRejectedException(
          it + " is a symbolic link; the local backend never follows or writes through a link.");
    }
    if (facts.kind() != Kind.REGULAR_FILE) {
      throw new LockPathRejectedException(it + " is not a regular file.");
    }
    if (facts.linkCount() != 1) {
      // A second name means that writing the lock file would write another file too.
      throw new LockPathRejectedException(
          it + " has " + facts.linkCount() + " hard links; a lock file has exactly one.");
    }
    if (facts.writableByOthers()) {
      throw new LockPathRejectedException(it + " is writable by others (" + facts.modeText() + ").");
    }
    if (!folder.shared()) {
      requireMine(it, facts);
      if (facts.writableByGroup()) {
        throw new LockPathRejectedException(
            it + " is writable by its " + facts.group() + ", " + facts.modeText() + ", in a private"
                + " lock folder; make it private (chmod 600).");
      }
    } else if (facts.uid() != me.uid() && facts.gid() != folder.gid()) {
      throw new LockPathRejectedException(
          it + " is owned by " + facts.owner() + " and " + facts.group() + ": neither "
              + me.describe() + " nor the group of the shared lock folder.");
    }
  }

  private void requireMine(String it, FileFacts facts) throws LockPathRejectedException {
    if (facts.uid() != me.uid()) {
      throw new LockPathRejectedException(
          it + " is owned by " + facts.owner() + ", not by " + me.describe() + ", who runs this"
              + " job; only a lock folder and lock files of your own are trusted.");
    }
  }

  private static LockPathRejectedException notAFolder(Path file, String context) {
    return new LockPathRejectedException(
        EXECUTION_SKIP_LOCAL_LOCK_DIR + ": " + context + file + " is a file, not a folder; expected"
            + " the path of a folder, which is created when missing.");
  }

  /**
   * A lock folder that passed the checks.
   *
   * @param realPath without links, so that two spellings of one folder meet in one lock table
   * @param gid the folder's group, which a shared folder's lock files belong to
   * @param shared whether the folder is shared with its group
   */
  record TrustedFolder(Path realPath, long gid, boolean shared) {}
}

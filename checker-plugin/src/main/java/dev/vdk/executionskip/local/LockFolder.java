package dev.vdk.executionskip.local;

import static dev.vdk.executionskip.local.LocalFileLockProvider.EXECUTION_SKIP_LOCAL_LOCK_DIR;

import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * Where a backend keeps its lock files, and whether that folder may be shared with a group.
 *
 * <p>The default folder is always private to its user. Any other folder may also be shared on
 * purpose through a setgid group folder (see {@link LockPathTrust}).
 *
 * @param path absolute
 * @param mayBeShared false for the default folder
 */
record LockFolder(Path path, boolean mayBeShared) {
  private static final System.Logger LOG = System.getLogger(LockFolder.class.getName());

  /**
   * {@code vdk-execution-locks-<uid>} in the system temp folder: one folder per user, so that two
   * users never meet in it. By uid, not name: every uid without a passwd entry (as in many
   * container images) has the same name, {@code ?}.
   *
   * <p>The name is predictable, in a folder every local user can write: another user who creates
   * it first makes every check fail (see {@link LockPathTrust}); docs/backends.md says what to set where
   * that matters.
   */
  static Path defaultPath() {
    return Path.of(System.getProperty("java.io.tmpdir"), "vdk-execution-locks-" + owner()).toAbsolutePath();
  }

  private static String owner() {
    try {
      // Every run declares the default, so it must be cheap: the uid alone, not the user's name.
      return Long.toString(OsUser.currentUid());
    } catch (UnsupportedOperationException e) {
      // No uid: the backend refuses to run on such a system anyway. The default is still named
      // (every run declares it), so it must not fail here.
      return System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    }
  }

  /**
   * The folder at a configured path. A relative path is resolved against the working directory,
   * with a warning: two runs started from different directories would not share a lock.
   */
  static LockFolder at(Path configured) {
    Path absolute = configured.toAbsolutePath();
    if (!configured.isAbsolute()) {
      LOG.log(Level.WARNING,
          "The lock folder " + EXECUTION_SKIP_LOCAL_LOCK_DIR + "=" + configured + " is a relative path; it is resolved against"
              + " the working directory, to " + absolute + ". Runs started from another working"
              + " directory use another folder and do not share the lock; set an absolute path.");
    }
    return new LockFolder(absolute, !absolute.equals(defaultPath()));
  }
}

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
   * {@code vdk-execution-locks-<user>} in the system temp folder: one folder per user, so that two
   * users never meet in it, and the name says whose it is.
   */
  static Path defaultPath() {
    String user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "vdk-execution-locks-" + user).toAbsolutePath();
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

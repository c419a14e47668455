package dev.vdk.executionskip.local;

import com.sun.security.auth.module.UnixSystem;

/**
 * The OS user that runs this job, by number: ownership is checked against the uid, the name is
 * only for messages.
 */
record OsUser(long uid, String name) {
  static final long ROOT_UID = 0;

  /**
   * The user of this process. {@code UnixSystem} is the JDK's supported way to read the uid; it
   * exists on POSIX systems only, as do the owners that the local backend checks.
   */
  static OsUser current() {
    try {
      UnixSystem system = new UnixSystem();
      return new OsUser(system.getUid(), system.getUsername());
    } catch (LinkageError e) {
      throw new UnsupportedOperationException(
          "The local backend needs a POSIX system (Linux, macOS): it checks who owns its lock"
              + " folder and files, and this system has no uid to compare with.", e);
    }
  }

  /** How a message names this user, e.g. {@code root (uid 0)}. */
  String describe() {
    return describe(name, uid);
  }

  /** How a message names any user; a user without a name is shown by uid alone. */
  static String describe(String name, long uid) {
    return name == null || name.isBlank() || name.equals(Long.toString(uid))
        ? "uid " + uid
        : name + " (uid " + uid + ")";
  }
}

package dev.vdk.executionskip.local;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The OS user that runs this job, by number: ownership is checked against the uid, the name is
 * only for messages.
 *
 * @param name null when the user database has no entry for the uid (a container's numeric
 *     {@code USER}, OpenShift's arbitrary uids): such a user is shown by uid alone
 */
record OsUser(long uid, String name) {
  static final long ROOT_UID = 0;

  /** Owned by this process's effective uid, as the kernel tells it; Linux only. */
  private static final Path PROC_SELF = Path.of("/proc/self");

  /**
   * The user of this process. The uid comes from the kernel where it can ({@code /proc/self}),
   * because {@code UnixSystem} reads the user database and, for a uid without an entry, gives uid
   * 0 and no name. {@code UnixSystem} exists on POSIX systems only, as do the owners that the local
   * backend checks.
   */
  static OsUser current() {
    UnixSystem system;
    try {
      system = new UnixSystem();
    } catch (LinkageError e) {
      throw new UnsupportedOperationException(
          "The local backend needs a POSIX system (Linux, macOS): it checks who owns its lock"
              + " folder and files, and this system has no uid to compare with.", e);
    }
    return of(ownerOfProcSelf(), system.getUid(), system.getUsername());
  }

  /**
   * The uid alone, as {@link #current()} finds it; the user database, whose first use loads a
   * native library, is read only where the kernel does not tell ({@code /proc} missing).
   */
  static long currentUid() {
    OptionalLong kernelUid = ownerOfProcSelf();
    return kernelUid.isPresent() ? kernelUid.getAsLong() : current().uid();
  }

  /**
   * The user from the kernel's uid, when known, and the user database's answer ({@code
   * databaseName} null when it has no entry, and then {@code databaseUid} means nothing).
   */
  static OsUser of(OptionalLong kernelUid, long databaseUid, String databaseName) {
    String name = databaseName == null || databaseName.isBlank() ? null : databaseName;
    if (kernelUid.isPresent()) {
      long uid = kernelUid.getAsLong();
      // The database's name is of its (real) uid; under another effective uid it is not ours.
      return new OsUser(uid, databaseUid == uid ? name : null);
    }
    if (name == null) {
      throw new UnsupportedOperationException(
          "The local backend cannot tell which uid runs this process: the uid has no entry in the"
              + " user database, and " + PROC_SELF + " is not there to read it from. Give the uid an"
              + " entry (useradd), or use another backend.");
    }
    return new OsUser(databaseUid, name);
  }

  private static OptionalLong ownerOfProcSelf() {
    try {
      return OptionalLong.of(((Number) Files.getAttribute(PROC_SELF, "unix:uid")).longValue());
    } catch (IOException | UnsupportedOperationException e) {
      return OptionalLong.empty();
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

package dev.vdk.executionskip.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code lstat} says about a path: the entry itself, never what a link points to.
 *
 * @param fileKey device and inode, to tell whether two looks saw the same file
 */
record FileFacts(
    Kind kind,
    long uid,
    String ownerName,
    long gid,
    String groupName,
    int mode,
    int linkCount,
    Object fileKey) {

  private static final int OTHERS_WRITE = 0002;
  private static final int GROUP_WRITE = 0020;
  private static final int SETGID = 02000;

  /** The kinds of entry that the checks tell apart. */
  enum Kind { FOLDER, REGULAR_FILE, SYMBOLIC_LINK, OTHER }

  /** The facts of a path, or empty when nothing is there. */
  static Optional<FileFacts> read(Path path) throws IOException {
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(
          path,
          "unix:uid,gid,mode,nlink,owner,group,fileKey,isDirectory,isRegularFile,isSymbolicLink",
          LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (UnsupportedOperationException e) {
      throw new LockPathRejectedException(
          "The local backend needs a POSIX file system (Linux, macOS) to check who owns " + path
              + "; this one has no owners and modes.");
    }
    Kind kind = (Boolean) attributes.get("isSymbolicLink") ? Kind.SYMBOLIC_LINK
        : (Boolean) attributes.get("isDirectory") ? Kind.FOLDER
        : (Boolean) attributes.get("isRegularFile") ? Kind.REGULAR_FILE
        : Kind.OTHER;
    return Optional.of(new FileFacts(
        kind,
        Integer.toUnsignedLong((Integer) attributes.get("uid")),
        ((UserPrincipal) attributes.get("owner")).getName(),
        Integer.toUnsignedLong((Integer) attributes.get("gid")),
        ((GroupPrincipal) attributes.get("group")).getName(),
        (Integer) attributes.get("mode") & 07777,
        (Integer) attributes.get("nlink"),
        attributes.get("fileKey")));
  }

  boolean writableByOthers() {
    return (mode & OTHERS_WRITE) != 0;
  }

  boolean writableByGroup() {
    return (mode & GROUP_WRITE) != 0;
  }

  boolean setgid() {
    return (mode & SETGID) != 0;
  }

  /** E.g. {@code user nobody (uid 65534)}. */
  String owner() {
    return "user " + OsUser.describe(ownerName, uid);
  }

  /** E.g. {@code group staff (gid 50)}. */
  String group() {
    return "group " + groupName + " (gid " + gid + ")";
  }

  /** E.g. {@code mode 0750}. */
  String modeText() {
    return String.format("mode %04o", mode);
  }
}

package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local backend trusts: a lock folder and lock files that no other user can write, or a
 * folder shared deliberately with a group. Anything else is a failed check, never a run that
 * writes through it and never a silent skip.
 */
class LocalFileLockTrustTest {
  private static final ExecutionRequest REQUEST =
      new ExecutionRequest("team", "job", "exec-1", "exec-1-aaaaa");
  /** A system user and group of every Debian-like image: the "other user" of these tests. */
  private static final String NOBODY = "nobody";
  private static final int NOBODY_ID = 65534;
  private static final int DAEMON_GID = 1;

  @TempDir Path temp;

  private LocalFileLockBackend backend(Path folder) {
    return new LocalFileLockBackend(folder, Clock.systemUTC(), () -> 4242, new HeldLockFiles());
  }

  private Path folder() throws IOException {
    Path folder = temp.resolve("locks");
    Files.createDirectory(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    return folder;
  }

  private static Path lockFileIn(Path folder) {
    return folder.resolve(LockFileName.of(REQUEST.team(), REQUEST.jobName()));
  }

  private static void assumeRoot() {
    // chown to another user needs root; CI runs the build as root.
    assumeThat(System.getProperty("user.name")).as("chown needs root").isEqualTo("root");
  }

  private static void chown(Path path, int uid, int gid) throws IOException {
    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
  }

  private static void chmod(Path path, int mode) throws IOException {
    Files.setAttribute(path, "unix:mode", mode);
  }

  private static int mode(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  private static void acquireAndRelease(LocalFileLockBackend backend) throws Exception {
    backend.tryAcquire(REQUEST).lease().close();
  }

  @Test
  void aMissingFolderIsCreatedPrivateToTheUser() throws Exception {
    Path folder = temp.resolve("a/b");

    acquireAndRelease(backend(folder));

    assertThat(mode(folder)).isEqualTo(0700);
  }

  @Test
  void aLockFileIsCreatedPrivateToTheUser() throws Exception {
    Path folder = folder();

    acquireAndRelease(backend(folder));

    assertThat(mode(lockFileIn(folder))).isEqualTo(0600);
  }

  @Test
  void aFolderWritableByOthersIsAFailedCheck() throws Exception {
    Path folder = folder();
    chmod(folder, 0777);

    assertThatThrownBy(() -> acquireAndRelease(backend(folder)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("is writable by others (mode 0777)");
    assertThat(lockFileIn(folder)).doesNotExist();
  }

  @Test
  void aFolderWritableByItsGroupWithoutSetgidIsAFailedCheck() throws Exception {
    Path folder = folder();
    chmod(folder, 0770);

    assertThatThrownBy(() -> acquireAndRelease(backend(folder)))
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("is writable by its group")
        .hasMessageContaining("setgid");
  }

  @Test
  void aFolderOwnedByAnotherUserIsAFailedCheck() throws Exception {
    assumeRoot();
    Path folder = folder();
    chown(folder, NOBODY_ID, NOBODY_ID);

    assertThatThrownBy(() -> acquireAndRelease(backend(folder)))
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("is owned by user " + NOBODY + " (uid 65534), not by root (uid 0)");
    assertThat(lockFileIn(folder)).doesNotExist();
  }

  @Test
  void aFolderThatIsASymbolicLinkIsAFailedCheck() throws Exception {
    Path real = folder();
    Path link = Files.createSymbolicLink(temp.resolve("link"), real);

    assertThatThrownBy(() -> acquireAndRelease(backend(link)))
        .hasMessageContaining(link.toString())
        .hasMessageContaining("is a symbolic link");
    assertThat(lockFileIn(real)).doesNotExist();
  }

  @Test
  void aFolderThatIsADanglingSymbolicLinkIsAFailedCheck() throws Exception {
    Path link = Files.createSymbolicLink(temp.resolve("link"), temp.resolve("nowhere"));

    assertThatThrownBy(() -> acquireAndRelease(backend(link)))
        .hasMessageContaining(link.toString())
        .hasMessageContaining("is a symbolic link");
    assertThat(temp.resolve("nowhere")).doesNotExist();
  }

  @Test
  void aFolderThatIsAFileNamesTheKeyAndThePath() throws Exception {
    Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

    assertThatThrownBy(() -> acquireAndRelease(backend(file)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("EXECUTION_SKIP_LOCAL_LOCK_DIR")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("is a file, not a folder");
  }

  @Test
  void aLockFileThatIsASymbolicLinkIsAFailedCheckAndItsTargetStaysUntouched() throws Exception {
    Path folder = folder();
    Path precious = Files.writeString(temp.resolve("precious.txt"), "keep me\n");
    Files.createSymbolicLink(lockFileIn(folder), precious);

    assertThatThrownBy(() -> acquireAndRelease(backend(folder)))
        .hasMessageContaining(lockFileIn(folder).toString())
        .hasMessageContaining("is a symbolic link");
    assertThat(Files.readString(precious, StandardCharsets.UTF_8)).isEqualTo("keep me\n");
  }

  @Test
  void aLockFileWithASecondHardLinkIsAFailedCheckAndStaysUntouched() throws Exception {
    Path folder = folder();
    Path precious = Files.writeString(folder.resolve("precious.txt"), "keep me\n");
    Files.createLink(lockFileIn(folder), precious);

    assertThatThrownBy(() -> acquireAndRelease(backend(folder)))
        .hasMessageContaining(lockFileIn(folder).toString())
        .hasMessageContaining("has 2 hard links");
    assertThat(Files.readString(precious, StandardCharsets.UTF_8)).isEqualTo("keep me\n");
  }

  @Test
  void aLockFileThatIsAFolderIsAFailedCheck() throws Exception {
    Path folder = folder();
    Files.createDirectory(lockFileIn(folder));

    assertThatThrownBy(() -> acquireAndRelease(backend(folder)))
        .hasMessageContaining(lockFileIn(folder).toString())
        .hasMessageContaining("is not a regular file");
  }

  @Test
  void aLockFileWritableByOthersIsAFailedCheck() throws Exception {
    Path folder = folder();
    Files.createFile(lockFileIn(folder));
    chmod(lockFileIn(folder), 0666);

    assertThatThrownBy(() -> acquireAndRelease(backend(folder)))
        .hasMessageContaining(lockFileIn(folder).toString())
        .hasMessageContaining("is writable by others (mode 0666)");
  }

  @Test
  void aLockFileOfAnotherUserIsAFailedCheckNotASkipEvenWhileTheyHoldIt() throws Exception {
    assumeRoot();
    Path folder = folder();
    Path lockFile = lockFileIn(folder);
    Files.writeString(lockFile, "");
    chown(lockFile, NOBODY_ID, NOBODY_ID);

    try (FileChannel theirs = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock held = theirs.lock()) {
      assertThatThrownBy(() -> backend(folder).tryAcquire(REQUEST))
          .hasMessageContaining(lockFile.toString())
          .hasMessageContaining("is owned by user " + NOBODY + " (uid 65534), not by root (uid 0)");
    }
  }

  @Test
  void aSetgidFolderSharedWithAGroupTrustsTheLockFilesOfThatGroup() throws Exception {
    assumeRoot();
    Path folder = folder();
    chown(folder, 0, NOBODY_ID);
    chmod(folder, 02770);
    Path lockFile = Files.createFile(lockFileIn(folder));
    chown(lockFile, NOBODY_ID, NOBODY_ID);
    chmod(lockFile, 0660);

    Decision decision = backend(folder).tryAcquire(REQUEST);
    try (Lease lease = decision.lease()) {
      assertThat(decision.verdict()).as(decision.reason()).isEqualTo(Verdict.RUN);
    }
  }

  @Test
  void aLockFileCreatedInASharedFolderIsWritableByItsGroupWhateverTheUmask() throws Exception {
    assumeRoot();
    Path folder = folder();
    chown(folder, 0, NOBODY_ID);
    chmod(folder, 02770);

    acquireAndRelease(backend(folder));

    assertThat(mode(lockFileIn(folder))).isEqualTo(0660);
    assertThat(Files.getAttribute(lockFileIn(folder), "unix:gid")).isEqualTo(NOBODY_ID);
  }

  @Test
  void aSharedFolderRefusesALockFileOfAnotherGroup() throws Exception {
    assumeRoot();
    Path folder = folder();
    chown(folder, 0, NOBODY_ID);
    chmod(folder, 02770);
    Path lockFile = Files.createFile(lockFileIn(folder));
    chown(lockFile, NOBODY_ID, DAEMON_GID);
    chmod(lockFile, 0660);

    assertThatThrownBy(() -> acquireAndRelease(backend(folder)))
        .hasMessageContaining(lockFile.toString())
        .hasMessageContaining("is owned by user " + NOBODY + " (uid 65534)")
        .hasMessageContaining("group daemon");
  }

  @Test
  void aSharedFolderOwnedByAnotherUserIsAFailedCheck() throws Exception {
    assumeRoot();
    Path folder = folder();
    chown(folder, NOBODY_ID, NOBODY_ID);
    chmod(folder, 02770);

    assertThatThrownBy(() -> acquireAndRelease(backend(folder)))
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("is owned by user " + NOBODY + " (uid 65534)");
  }

  @Test
  void theDefaultFolderIsNeverSharedWithAGroup() throws Exception {
    assumeRoot();
    Path folder = folder();
    chown(folder, 0, NOBODY_ID);
    chmod(folder, 02770);
    LocalFileLockBackend asDefault = new LocalFileLockBackend(
        new LockFolder(folder, false), OsUser.current(), Clock.systemUTC(), () -> 1, new HeldLockFiles());

    assertThatThrownBy(() -> acquireAndRelease(asDefault))
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("is writable by its group nogroup (gid 65534), mode 2770")
        .hasMessageContaining("must be private to its user");
  }

  @Test
  void aFolderOfAnotherUserIsAFailedCheckWhoeverRunsTheTests() throws Exception {
    Path folder = folder();
    long owner = (Integer) Files.getAttribute(folder, "unix:uid");
    OsUser someoneElse = new OsUser(owner + 1000, "someone-else");
    LocalFileLockBackend theirs = new LocalFileLockBackend(
        new LockFolder(folder, true), someoneElse, Clock.systemUTC(), () -> 1, new HeldLockFiles());

    assertThatThrownBy(() -> acquireAndRelease(theirs))
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("(uid " + owner + "), not by someone-else (uid " + (owner + 1000) + ")");
  }

  @Test
  void aLockFileReplacedBetweenOpenAndLockIsAFailedCheckAndNothingIsWritten() throws Exception {
    Path folder = folder();
    LockPathTrust trust = new LockPathTrust(OsUser.current());
    LockFileOpener opener = new LockFileOpener(trust);
    LockPathTrust.TrustedFolder trusted = trust.folder(new LockFolder(folder, true));
    Path lockFile = lockFileIn(folder);
    Path impostor = Files.writeString(folder.resolve("impostor"), "keep me\n");
    Files.setPosixFilePermissions(impostor, PosixFilePermissions.fromString("rw-------"));

    LockFileOpener.Opened opened = opener.open(lockFile, trusted);
    try (FileChannel channel = opened.channel()) {
      Files.move(impostor, lockFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

      assertThatThrownBy(() -> opener.confirm(lockFile, opened, trusted))
          .hasMessageContaining(lockFile.toString())
          .hasMessageContaining("was replaced by another file");
    }
    assertThat(Files.readString(lockFile, StandardCharsets.UTF_8)).isEqualTo("keep me\n");
  }

  // By uid, not name: every uid without a passwd entry (the example image's 10001) has the name
  // "?", so by name they would all share one folder, which the first of them would own.
  @Test
  void theDefaultFolderIsNamedForTheUsersUid() {
    assertThat(LocalFileLockBackend.defaultLockDirectory().getFileName().toString())
        .isEqualTo("vdk-execution-locks-" + OsUser.current().uid());
  }
}

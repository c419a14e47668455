package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local backend's fencing tokens: a counter next to the lock file, one more for every
 * acquisition, kept across processes, and trusted only as a lock file is.
 */
class LocalFencingTokenTest {
  private static final ExecutionRequest REQUEST = new ExecutionRequest("team", "job", "exec-1", "exec-1-aaaaa");

  @TempDir Path temp;

  private Path folder() throws Exception {
    Path folder = temp.resolve("locks");
    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    return folder;
  }

  /** A backend as another process would have: its own table of held files. */
  private static LocalFileLockBackend backend(Path folder) {
    return new LocalFileLockBackend(folder, Clock.systemUTC(), () -> 4242, new HeldLockFiles());
  }

  private static Path counterIn(Path folder) {
    return FencingCounter.besides(folder.resolve(LockFileName.of(REQUEST.team(), REQUEST.jobName())));
  }

  private static long takeAndRelease(LocalFileLockBackend backend) throws Exception {
    Decision decision = backend.tryAcquire(REQUEST);
    assertThat(decision.verdict()).isEqualTo(Verdict.RUN);
    try (Lease lease = decision.lease()) {
      return lease.fencingToken().orElseThrow();
    }
  }

  @Test
  void everyAcquisitionGetsTheNextTokenWhicheverBackendInstanceTakesIt() throws Exception {
    Path folder = folder();

    long first = takeAndRelease(backend(folder));
    long second = takeAndRelease(backend(folder));
    long third = takeAndRelease(backend(folder));

    assertThat(new long[] {first, second, third}).containsExactly(1, 2, 3);
    assertThat(Files.readString(counterIn(folder), StandardCharsets.US_ASCII)).isEqualTo("0000000000000000003\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(counterIn(folder), LinkOption.NOFOLLOW_LINKS)))
        .isEqualTo("rw-------");
  }

  @Test
  void aCounterFileThatIsASymbolicLinkIsAFailedCheckThatLeavesTheLockFree() throws Exception {
    Path folder = folder();
    Path precious = Files.writeString(temp.resolve("precious.txt"), "keep me\n");
    Files.createSymbolicLink(counterIn(folder), precious);
    LocalFileLockBackend backend = backend(folder);

    assertThatThrownBy(() -> backend.tryAcquire(REQUEST))
        .isInstanceOf(LockPathRejectedException.class)
        .hasMessageContaining(counterIn(folder).toString())
        .hasMessageContaining("is a symbolic link");
    assertThat(Files.readString(precious, StandardCharsets.UTF_8)).isEqualTo("keep me\n");
    Files.delete(counterIn(folder));
    assertThat(takeAndRelease(backend)).as("the failed check gave the lock back").isEqualTo(1);
  }

  @Test
  void aCounterFileWritableByOthersIsAFailedCheck() throws Exception {
    Path folder = folder();
    Files.writeString(counterIn(folder), "0000000000000000007\n");
    Files.setAttribute(counterIn(folder), "unix:mode", 0666);

    assertThatThrownBy(() -> backend(folder).tryAcquire(REQUEST))
        .hasMessageContaining(counterIn(folder).toString())
        .hasMessageContaining("is writable by others (mode 0666)");
  }

  @Test
  void aCounterFileThatHoldsSomethingElseIsAFailedCheckSayingWhatToWrite() throws Exception {
    Path folder = folder();
    Files.writeString(counterIn(folder), "seven\n");
    Files.setAttribute(counterIn(folder), "unix:mode", 0600);

    assertThatThrownBy(() -> backend(folder).tryAcquire(REQUEST))
        .hasMessage("The fencing counter " + counterIn(folder) + " does not hold a counter (19 digits and a line"
            + " break), so the job's next token is unknown. Write into it the highest token your job's store"
            + " has accepted, in that form.");
  }

  @Test
  void aCounterCutShortByACrashNeverReadsAsASmallerNumber() throws Exception {
    Path folder = folder();
    // 99 being moved on to 100, cut after the first 18 bytes of "0000000000000000100\n".
    Files.writeString(counterIn(folder), "0000000000000000109\n");
    Files.setAttribute(counterIn(folder), "unix:mode", 0600);

    assertThat(takeAndRelease(backend(folder))).isEqualTo(110);
  }
}

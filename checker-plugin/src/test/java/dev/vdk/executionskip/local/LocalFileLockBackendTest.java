package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.LockBackendContract;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileLockBackendTest implements LockBackendContract {

  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

  @TempDir Path lockDirectory;

  private final HeldLockFiles heldInThisProcess = new HeldLockFiles();

  @Override
  public LocalFileLockBackend backend() {
    return new LocalFileLockBackend(
        lockDirectory, Clock.fixed(NOW, ZoneOffset.UTC), () -> 4242, heldInThisProcess);
  }

  private Path lockFile() {
    return lockDirectory.resolve(LockFileName.of("team", "job"));
  }

  @Test
  void firstExecutionRunsAndWritesWhoItIs() throws Exception {
    try (var lease = backend().tryAcquire(FIRST).lease()) {
      // Reading from this JVM opens a second descriptor, which would drop the OS lock for other
      // processes; harmless here, where no other process is involved.
      assertThat(LockHolder.parse(Files.readString(lockFile())))
          .contains(new LockHolder("exec-1-aaaaa", "exec-1", 4242, NOW));
    }
  }

  @Test
  void theSkipReasonNamesTheHolderWithPidAndStartTime() throws Exception {
    LocalFileLockBackend backend = backend();
    Decision first = backend.tryAcquire(FIRST);
    try (var lease = first.lease()) {
      Decision second = backend.tryAcquire(SECOND);

      assertThat(second.reason())
          .startsWith("Job job of team team is already running: its local lock ")
          .endsWith(" is held in this process by attempt exec-1-aaaaa of execution exec-1 "
              + "(pid 4242, started 2026-03-01T10:15:30Z).");
    }
  }

  @Test
  void anotherBackendInstanceInTheSameProcessSeesTheLockToo() throws Exception {
    try (var lease = backend().tryAcquire(FIRST).lease()) {
      assertThat(backend().tryAcquire(SECOND).verdict()).isEqualTo(Verdict.SKIP);
    }
  }

  @Test
  void aLockTakenInThisJvmOutsideTheTableIsStillASkip() throws Exception {
    LocalFileLockBackend unaware = new LocalFileLockBackend(
        lockDirectory, Clock.systemUTC(), () -> 1, new HeldLockFiles());
    try (var lease = backend().tryAcquire(FIRST).lease()) {
      Decision second = unaware.tryAcquire(SECOND);

      assertThat(second.verdict()).isEqualTo(Verdict.SKIP);
      assertThat(second.reason()).contains("held by another process");
    }
  }


  @Test
  void releaseClearsTheHolderButKeepsTheFile() throws Exception {
    backend().tryAcquire(FIRST).lease().close();

    assertThat(lockFile()).exists().isEmptyFile();
  }


  @Test
  void createsTheLockDirectoryWhenMissing() throws Exception {
    Path nested = lockDirectory.resolve("a/b");
    var backend = new LocalFileLockBackend(nested, Clock.systemUTC(), () -> 1, heldInThisProcess);
    try (var lease = backend.tryAcquire(FIRST).lease()) {
      assertThat(nested).isDirectory();
    }
  }
}

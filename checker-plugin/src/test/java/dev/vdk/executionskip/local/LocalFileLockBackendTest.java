package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileLockBackendTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
  private static final ExecutionRequest FIRST =
      new ExecutionRequest("team", "job", "exec-1", "exec-1-aaaaa");
  private static final ExecutionRequest SECOND =
      new ExecutionRequest("team", "job", "exec-2", "exec-2-bbbbb");

  @TempDir Path lockDirectory;

  private final HeldLockFiles heldInThisProcess = new HeldLockFiles();

  private LocalFileLockBackend backend() {
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
  void secondExecutionInTheSameProcessIsSkippedAndToldWhoRuns() throws Exception {
    LocalFileLockBackend backend = backend();
    Decision first = backend.tryAcquire(FIRST);
    try (var lease = first.lease()) {
      Decision second = backend.tryAcquire(SECOND);

      assertThat(first.verdict()).isEqualTo(Verdict.RUN);
      assertThat(second.verdict()).isEqualTo(Verdict.SKIP);
      assertThat(second.conflictingExecutionId()).contains("exec-1");
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
  void otherJobsAreNotInTheWay() throws Exception {
    LocalFileLockBackend backend = backend();
    try (var lease = backend.tryAcquire(FIRST).lease()) {
      assertThat(backend.tryAcquire(new ExecutionRequest("team", "other-job", "e", "e-x")).runs())
          .isTrue();
      assertThat(backend.tryAcquire(new ExecutionRequest("other-team", "job", "e", "e-x")).runs())
          .isTrue();
    }
  }

  @Test
  void afterReleaseTheNextExecutionRunsAndTheFileStaysWithoutHolder() throws Exception {
    LocalFileLockBackend backend = backend();
    backend.tryAcquire(FIRST).lease().close();

    assertThat(lockFile()).exists().isEmptyFile();
    Decision next = backend.tryAcquire(SECOND);
    try (var lease = next.lease()) {
      assertThat(next.verdict()).isEqualTo(Verdict.RUN);
    }
  }

  @Test
  void closingTheLeaseTwiceIsHarmless() throws Exception {
    LocalFileLockBackend backend = backend();
    var lease = backend.tryAcquire(FIRST).lease();
    lease.close();
    var next = backend.tryAcquire(SECOND).lease();

    lease.close();

    assertThat(backend.tryAcquire(FIRST).verdict())
        .as("the second close must not release the next holder's lock")
        .isEqualTo(Verdict.SKIP);
    next.close();
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

package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExclusiveRounds;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.backend.WorkerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local backend between real processes, the only place where its OS lock means anything. */
class LocalFileLockProcessTest {
  private static final int WORKERS = 8;
  private static final int ROUNDS = 50;
  private static final ExecutionRequest HERE =
      new ExecutionRequest("team", "job", "here", "here-zzzzz");

  @TempDir Path lockDirectory;

  private final List<WorkerProcess> workers = new ArrayList<>();

  @AfterEach
  void stopWorkers() throws InterruptedException {
    for (WorkerProcess worker : workers) {
      worker.close();
    }
  }

  private WorkerProcess startWorker(String name) throws Exception {
    WorkerProcess worker = WorkerProcess.start(
        List.of(name, "team", "job", "local", lockDirectory.toString()),
        Map.of());
    workers.add(worker);
    return worker;
  }

  @Test
  void exactlyOneOfEightProcessesStartedTogetherRunsInEveryRound() throws Exception {
    for (int i = 0; i < WORKERS; i++) {
      startWorker("worker-" + i);
    }

    int[] wins = ExclusiveRounds.run(workers, ROUNDS);

    assertThat(Arrays.stream(wins).sum()).isEqualTo(ROUNDS);
    System.out.printf(
        "local: %d rounds of %d processes, exactly one RUN each; wins per worker %s%n",
        ROUNDS, WORKERS, Arrays.toString(wins));
  }

  @Test
  void aSkipInTheHoldersProcessShowsTheHolderAndAKilledHolderBlocksNobody() throws Exception {
    WorkerProcess holder = startWorker("holder");
    holder.expect("ready");
    holder.send("try");
    assertThat(holder.nextLine()).startsWith("RUN ");
    LocalFileLockBackend backend = new LocalFileLockBackend(lockDirectory);

    Decision whileHeld = backend.tryAcquire(HERE);
    assertThat(whileHeld.verdict()).isEqualTo(Verdict.SKIP);
    assertThat(whileHeld.conflictingExecutionId()).contains("holder");
    assertThat(whileHeld.reason())
        .contains("held by another process by attempt holder-" + holder.pid()
            + " of execution holder (pid " + holder.pid() + ", started ");

    holder.kill();

    Decision afterKill = backend.tryAcquire(HERE);
    try (var lease = afterKill.lease()) {
      assertThat(afterKill.verdict()).as("right after the holder was killed").isEqualTo(Verdict.RUN);
    }
  }

  @Test
  void aSecondAcquireInTheHoldersProcessDoesNotFreeTheLockForOtherProcesses() throws Exception {
    // Regression: closing any descriptor of a locked file drops the process's fcntl lock, so a
    // naive in-JVM second acquire (open, OverlappingFileLockException, close) would let others in.
    Decision held = new LocalFileLockBackend(lockDirectory).tryAcquire(HERE);
    try (var lease = held.lease()) {
      assertThat(held.verdict()).isEqualTo(Verdict.RUN);
      assertThat(new LocalFileLockBackend(lockDirectory).tryAcquire(HERE).verdict())
          .isEqualTo(Verdict.SKIP);

      WorkerProcess other = startWorker("other");
      other.expect("ready");
      other.send("try");

      assertThat(other.nextLine())
          .startsWith("SKIP ")
          .contains("pid " + ProcessHandle.current().pid());
    }
  }
}

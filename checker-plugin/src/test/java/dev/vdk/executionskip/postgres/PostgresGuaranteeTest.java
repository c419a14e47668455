package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.BackendWorker;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.backend.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The postgres backend's one promise: one execution of a job at a time, across sessions. */
class PostgresGuaranteeTest {
  private static final int EXECUTIONS = 8;
  private static final int ROUNDS = 50;
  /** How long the server may take to free a killed holder's lock before the test fails. */
  private static final Duration KILLED_HOLDER_BOUND = Duration.ofSeconds(10);

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @Test
  void exactlyOneOfEightSessionsStartedTogetherRunsInEveryRound() throws Exception {
    PostgresAdvisoryLockBackend backend = new PostgresAdvisoryLockBackend(postgres.settings());
    AtomicIntegerArray runnersPerRound = new AtomicIntegerArray(ROUNDS);
    AtomicIntegerArray wins = new AtomicIntegerArray(EXECUTIONS);
    // All try together; nobody releases before everyone has answered; nobody tries the next round
    // before everyone has released.
    CyclicBarrier start = new CyclicBarrier(EXECUTIONS);
    CyclicBarrier answered = new CyclicBarrier(EXECUTIONS);
    ExecutorService threads = Executors.newFixedThreadPool(EXECUTIONS);
    try {
      List<Future<?>> executions = new ArrayList<>();
      for (int i = 0; i < EXECUTIONS; i++) {
        ExecutionRequest request = new ExecutionRequest("team", "job", "exec-" + i, "exec-" + i + "-x");
        int index = i;
        executions.add(threads.submit(() -> {
          for (int round = 0; round < ROUNDS; round++) {
            start.await(1, TimeUnit.MINUTES);
            Decision decision = backend.tryAcquire(request);
            if (decision.verdict() == Verdict.RUN) {
              runnersPerRound.incrementAndGet(round);
              wins.incrementAndGet(index);
            }
            answered.await(1, TimeUnit.MINUTES);
            decision.lease().close();
          }
          return null;
        }));
      }
      for (Future<?> execution : executions) {
        execution.get(2, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }

    int[] runners = new int[ROUNDS];
    Arrays.setAll(runners, runnersPerRound::get);
    assertThat(runners).as("executions that ran, per round").containsOnly(1);
    int[] winsPerSession = new int[EXECUTIONS];
    Arrays.setAll(winsPerSession, wins::get);
    System.out.printf(
        "postgres: %d rounds of %d sessions, exactly one RUN each; wins per session %s%n",
        ROUNDS, EXECUTIONS, Arrays.toString(winsPerSession));
  }

  @Test
  void aKilledHoldersLockIsFreedByTheServerWithinTheBound() throws Exception {
    ExecutionRequest here = new ExecutionRequest("team", "killed-job", "here", "here-zzzzz");
    PostgresAdvisoryLockBackend backend = new PostgresAdvisoryLockBackend(postgres.settings());
    try (WorkerProcess holder = WorkerProcess.start(
        List.of("holder", here.team(), here.jobName(), "postgres", postgres.jdbcUrl(),
            TestPostgres.USER),
        Map.of(BackendWorker.PASSWORD_ENV, TestPostgres.PASSWORD))) {
      holder.expect("ready");
      holder.send("try");
      assertThat(holder.nextLine()).startsWith("RUN ");

      Decision whileHeld = backend.tryAcquire(here);
      assertThat(whileHeld.verdict()).isEqualTo(Verdict.SKIP);
      assertThat(whileHeld.conflictingExecutionId()).contains("holder");
      assertThat(whileHeld.reason())
          .contains("held by attempt holder-" + holder.pid() + " of execution holder");

      holder.kill();
      long killedAt = System.nanoTime();
      // Wait for the event itself: a blocking lock that the server grants the moment it frees the
      // holder's, bounded by lock_timeout.
      postgres.awaitFree(AdvisoryLockKey.of(here.team(), here.jobName()), KILLED_HOLDER_BOUND);
      Duration freedAfter = Duration.ofNanos(System.nanoTime() - killedAt);

      Decision afterKill = backend.tryAcquire(here);
      try (Lease lease = afterKill.lease()) {
        assertThat(afterKill.verdict()).isEqualTo(Verdict.RUN);
      }
      System.out.printf("postgres: a killed holder's lock was free %d ms after the kill%n",
          freedAfter.toMillis());
    }
  }
}

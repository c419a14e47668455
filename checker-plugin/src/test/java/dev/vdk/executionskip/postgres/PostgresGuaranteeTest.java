package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.BackendWorker;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExclusiveThreadRounds;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.backend.WorkerProcess;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    ExclusiveThreadRounds rounds =
        ExclusiveThreadRounds.run(new PostgresAdvisoryLockBackend(postgres.settings()), EXECUTIONS, ROUNDS);

    assertThat(rounds.runnersPerRound()).as("executions that ran, per round").containsOnly(1);
    System.out.printf(
        "postgres: %d rounds of %d sessions, exactly one RUN each; wins per session %s%n",
        ROUNDS, EXECUTIONS, Arrays.toString(rounds.winsPerExecution()));
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

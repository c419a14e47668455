package dev.vdk.executionskip.postgreslease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.BackendWorker;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExclusiveThreadRounds;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.backend.WorkerProcess;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The postgres-lease backend's promises: one execution of a job at a time, a fencing token that
 * only grows, and a job that a dead holder frees within its time to live.
 */
class PostgresLeaseGuaranteeTest {
  private static final int EXECUTIONS = 8;
  private static final int ROUNDS = 50;
  private static final Duration TTL = Duration.ofSeconds(2);
  /** Only a broken build waits this long for a freed job. */
  private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(60);

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();


  @Test
  void exactlyOneOfEightStartedTogetherRunsInEveryRound() throws Exception {
    ExclusiveThreadRounds rounds = ExclusiveThreadRounds.run(
        TestLeases.backend(postgres, TestLeases.freshTable(), Duration.ofSeconds(30)), EXECUTIONS, ROUNDS);

    assertThat(rounds.runnersPerRound()).as("executions that ran, per round").containsOnly(1);
  }

  @Test
  void theTokenGrowsWithEveryAcquisitionAndAfterAnExpiredHolderIsTakenOver() throws Exception {
    String table = TestLeases.freshTable();
    PostgresLeaseBackend backend = TestLeases.backend(postgres, table, Duration.ofSeconds(30));
    ExecutionRequest first = new ExecutionRequest("team", "job", "e-1", "e-1-a");
    ExecutionRequest second = new ExecutionRequest("team", "job", "e-2", "e-2-a");
    ExecutionRequest third = new ExecutionRequest("team", "job", "e-3", "e-3-a");

    Decision taken = backend.tryAcquire(first);
    long one = tokenOf(taken);
    taken.lease().close();
    Decision afterRelease = backend.tryAcquire(second);
    long two = tokenOf(afterRelease);

    // The holder of token two stops renewing as a dead one would: the server's clock, not any
    // client's, says its lease has run out.
    assertThat(TestLeases.asSuperuser(postgres,
        "UPDATE " + table + " SET expires_at = clock_timestamp() - interval '1 second'"
            + " WHERE team = ? AND job_name = ?", "team", "job")).isOne();
    Decision takeover = backend.tryAcquire(third);
    long three = tokenOf(takeover);

    assertThat(one).isEqualTo(1);
    assertThat(two).isGreaterThan(one);
    assertThat(three).isGreaterThan(two);
    assertThat(takeover.reason()).contains("runs with fencing token " + three);
    try (Lease otherJob = backend.tryAcquire(new ExecutionRequest("other-team", "job", "x", "x-a")).lease()) {
      assertThat(otherJob.fencingToken()).as("another job's tokens are its own").hasValue(1);
    }

    afterRelease.lease().close();
    assertThat(backend.tryAcquire(first).verdict())
        .as("the replaced holder's release must not end the new holder's lease")
        .isEqualTo(Verdict.SKIP);
    takeover.lease().close();
  }

  @Test
  void aKilledHolderFreesItsJobWithinTheTimeToLive() throws Exception {
    String table = TestLeases.freshTable();
    ExecutionRequest here = new ExecutionRequest("team", "killed-job", "here", "here-zzzzz");
    PostgresLeaseBackend backend = TestLeases.backend(postgres, table, TTL);
    try (WorkerProcess holder = WorkerProcess.start(
        List.of("holder", here.team(), here.jobName(), "postgres-lease", postgres.jdbcUrl(), TestPostgres.USER,
            table, Long.toString(TTL.toMillis())),
        Map.of(BackendWorker.PASSWORD_ENV, TestPostgres.PASSWORD))) {
      holder.expect("ready");
      holder.send("try");
      assertThat(holder.nextLine()).startsWith("RUN ").contains("fencing token 1");
      // Renewed past its first time to live: the heartbeat runs, and the job stays held.
      awaitRenewalPast(table, here, TTL);
      Decision whileHeld = backend.tryAcquire(here);
      assertThat(whileHeld.verdict()).isEqualTo(Verdict.SKIP);
      assertThat(whileHeld.reason()).contains("held by attempt holder-" + holder.pid() + " of execution holder");

      holder.kill();
      long killedAt = System.nanoTime();
      // No one renews it any more: by the server's clock, it ends within the time to live.
      try (Connection admin = postgres.superuser();
          PreparedStatement left = admin.prepareStatement(
              "SELECT extract(epoch FROM expires_at - clock_timestamp()) * 1000 FROM " + table
                  + " WHERE team = ? AND job_name = ?")) {
        left.setString(1, here.team());
        left.setString(2, here.jobName());
        try (ResultSet result = left.executeQuery()) {
          result.next();
          assertThat(result.getDouble(1)).as("ms until the dead holder's lease ends").isLessThanOrEqualTo(TTL.toMillis());
        }
      }
      Decision next = pollUntilItRuns(backend, here);
      Duration freedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
      try (Lease lease = next.lease()) {
        assertThat(next.lease().fencingToken()).hasValue(2);
      }
      assertThat(freedAfter)
          .as("from the kill to the next acquisition; the bound is the time to live, one renewal interval"
              + " and generous room for a loaded machine")
          .isLessThan(TTL.plus(LeaseHeartbeat.renewInterval(TTL)).plusSeconds(10));
      System.out.printf("postgres-lease: a killed holder's job was taken %d ms after the kill (TTL %d ms)%n",
          freedAfter.toMillis(), TTL.toMillis());
    }
  }

  private static long tokenOf(Decision decision) {
    assertThat(decision.verdict()).isEqualTo(Verdict.RUN);
    return decision.lease().fencingToken().orElseThrow();
  }

  /** Waits, on the row itself, until the holder has renewed its lease beyond its first end. */
  private static void awaitRenewalPast(String table, ExecutionRequest job, Duration ttl) throws Exception {
    long bound = System.nanoTime() + TAKEOVER_BOUND.toNanos();
    try (Connection admin = postgres.superuser();
        PreparedStatement renewed = admin.prepareStatement(
            "SELECT expires_at > acquired_at + ? * interval '1 millisecond' FROM " + table
                + " WHERE team = ? AND job_name = ?")) {
      renewed.setLong(1, ttl.toMillis());
      renewed.setString(2, job.team());
      renewed.setString(3, job.jobName());
      while (true) {
        try (ResultSet result = renewed.executeQuery()) {
          if (result.next() && result.getBoolean(1)) {
            return;
          }
        }
        assertThat(System.nanoTime()).as("the holder renewed within %s", TAKEOVER_BOUND).isLessThan(bound);
        Thread.sleep(50);
      }
    }
  }

  private static Decision pollUntilItRuns(PostgresLeaseBackend backend, ExecutionRequest request) throws Exception {
    long bound = System.nanoTime() + TAKEOVER_BOUND.toNanos();
    while (true) {
      Decision decision = backend.tryAcquire(request);
      if (decision.runs()) {
        return decision;
      }
      assertThat(System.nanoTime()).as("the job was freed within %s", TAKEOVER_BOUND).isLessThan(bound);
      Thread.sleep(20);
    }
  }
}

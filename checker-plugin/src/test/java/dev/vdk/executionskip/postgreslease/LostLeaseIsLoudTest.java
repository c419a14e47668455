package dev.vdk.executionskip.postgreslease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.ExecutionSkipPlugin;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.postgres.PostgresConnector;
import dev.vdk.executionskip.postgres.TestPostgres;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lease lost while the job runs is loud: an ERROR line and a decision line at once, the job told
 * through its run control, and no further step.
 */
class LostLeaseIsLoudTest {
  private static final String JOB = "nightly-load";
  private static final String TEAM = "warehouse";
  private static final String ATTEMPT = "nightly-7-abcde";
  private static final Duration BOUND = Duration.ofSeconds(60);

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void aRenewalThatFindsTheLeaseTakenStopsTheRunBeforeItsNextStep() {
    String table = TestLeases.freshTable();
    Step load = Step.named("load", input -> {
      // Another execution takes the lease, as one would after this run's lease had run out.
      TestLeases.asSuperuser(postgres,
          "UPDATE " + table + " SET fencing_token = fencing_token + 1, holder_execution_id = 'thief',"
              + " holder_attempt_id = 'thief-zzzzz', expires_at = clock_timestamp() + interval '1 hour'"
              + " WHERE team = ? AND job_name = ?", TEAM, JOB);
      // Wakes on the heartbeat's report; the bound only keeps a broken build from hanging.
      events.add("token " + input.runControl().fencingToken().orElseThrow());
      events.add("stop seen " + input.runControl().awaitStop(BOUND));
    });
    Step publish = Step.named("publish", input -> events.add("publish ran"));

    JobRunReport report =
        JobTestKit.forJob(new DataJob(List.of(load, publish), "job_name = " + JOB + "\nteam = " + TEAM, "job.conf"))
            .withPlugin(new ExecutionSkipPlugin())
            .withEnvironment("VDK_ATTEMPT_ID", ATTEMPT)
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres-lease")
            .withEnvironment("VDK_EXECUTION_SKIP_POSTGRES_URL", postgres.jdbcUrl())
            .withEnvironment("VDK_EXECUTION_SKIP_POSTGRES_USER", TestPostgres.USER)
            .withEnvironment("VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", TestPostgres.PASSWORD)
            .withEnvironment("VDK_EXECUTION_SKIP_POSTGRES_TABLE", table)
            .withEnvironment("VDK_EXECUTION_SKIP_LEASE_TTL_SECONDS", "3")
            .run();

    assertThat(events).containsExactly("token 1", "stop seen true");
    assertThat(report.stepsRun()).containsExactly("load");
    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.result().message())
        .startsWith("Job " + JOB + " of team " + TEAM + " stopped before step publish: The postgres-lease"
            + " lock of attempt " + ATTEMPT + " was lost while the job ran.")
        .contains("(fencing token 1) was taken by attempt thief-zzzzz of execution thief (fencing token 2");
    assertThat(report.logLinesContaining("lost its postgres-lease lock while running"))
        .first()
        .asString()
        .startsWith("SEVERE ")
        .contains("Job " + JOB + " of team " + TEAM + " (attempt " + ATTEMPT + ")");
    assertThat(report.logLinesContaining("decision=run"))
        .singleElement()
        .asString()
        .endsWith(" fencing_token=1");
    assertThat(report.logLinesContaining("decision=lost"))
        .singleElement()
        .asString()
        .contains("backend=postgres-lease decision=lost reason=\"The PostgreSQL lease of job " + JOB)
        .endsWith(" fencing_token=1");
    assertThat(report.logLines()).noneMatch(line -> line.contains(TestPostgres.PASSWORD));
    assertThat(Thread.getAllStackTraces().keySet())
        .as("heartbeat threads after the run")
        .noneMatch(thread -> thread.isAlive() && thread.getName().startsWith(LeaseHeartbeat.THREAD_NAME));
  }

  @Test
  void renewalsThatKeepFailingUntilTheLeaseRunsOutAreReportedWhenItDoes() throws Exception {
    Duration ttl = Duration.ofSeconds(2);
    RecordingConnector connector = new RecordingConnector(PostgresConnector.direct(postgres.settings()));
    PostgresLeaseBackend backend =
        TestLeases.backend(connector, TestLeases.freshTable(), ttl, TestLeases.DEADLINE, Sleeper.SYSTEM);
    Decision decision = backend.tryAcquire(new ExecutionRequest(TEAM, JOB, "e-1", "e-1-a"));
    BlockingQueue<String> losses = new LinkedBlockingQueue<>();
    decision.lease().watch(losses::add);

    long failingSince = System.nanoTime();
    connector.refuseWith(new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"));
    String loss = losses.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
    Duration after = Duration.ofNanos(System.nanoTime() - failingSince);
    decision.lease().close();

    assertThat(loss)
        .startsWith("The PostgreSQL lease of job " + JOB + " of team " + TEAM + " (fencing token 1) ran out: no"
            + " renewal reached the server within its 2000 ms (last failure: SQLSTATE 08001: The PostgreSQL"
            + " server took no connection before the deadline: ")
        .endsWith("the last refused with SQLSTATE 08001: Connection to 127.0.0.1:5432 refused).");
    assertThat(after).as("reported no earlier than the lease could have run out on the server")
        .isGreaterThanOrEqualTo(ttl.minus(LeaseHeartbeat.renewInterval(ttl)));
    assertThat(losses).as("one report").isEmpty();
  }
}

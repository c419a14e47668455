package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.ExecutionSkipPlugin;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A whole run, configured as a user would: its lock's session is ended during its first step. */
class LostLockStopsTheRunTest {
  private static final String JOB = "nightly-load";
  private static final String TEAM = "warehouse";
  private static final String ATTEMPT = "nightly-7-abcde";
  private static final Duration BOUND = Duration.ofSeconds(30);

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void aRunWhoseSessionIsEndedStopsBeforeItsNextStepAndSaysWhy() {
    Step load = Step.named("load", input -> {
      postgres.terminateHolderOf(AdvisoryLockKey.of(TEAM, JOB));
      // Wakes on the watchdog's signal; the bound only keeps a broken build from hanging.
      events.add("stop seen " + input.runControl().awaitStop(BOUND));
    });
    Step publish = Step.named("publish", input -> events.add("publish ran"));

    JobRunReport report =
        JobTestKit.forJob(DataJob.of(JOB, TEAM, List.of(load, publish)))
            .withPlugin(new ExecutionSkipPlugin())
            .withEnvironment("VDK_ATTEMPT_ID", ATTEMPT)
            .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres")
            .withEnvironment("VDK_EXECUTION_SKIP_POSTGRES_URL", postgres.jdbcUrl())
            .withEnvironment("VDK_EXECUTION_SKIP_POSTGRES_USER", TestPostgres.USER)
            .withEnvironment("VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", TestPostgres.PASSWORD)
            .run();

    assertThat(events).containsExactly("stop seen true");
    assertThat(report.stepsRun()).containsExactly("load");
    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.result().message())
        .startsWith("Job " + JOB + " of team " + TEAM + " stopped before step publish: The postgres"
            + " lock of attempt " + ATTEMPT + " was lost while the job ran.")
        .contains("advisory lock " + AdvisoryLockKey.of(TEAM, JOB).value(), "is closed",
            "terminating connection due to administrator command")
        .doesNotContain("\n", "Location:");
    assertThat(report.terminationMessage())
        .hasValueSatisfying(message -> assertThat(message).contains("\"status\": \"Platform error\""));
    assertThat(report.logLinesContaining("lost its postgres lock while running"))
        .first()
        .asString()
        .startsWith("SEVERE ")
        .contains("Job " + JOB + " of team " + TEAM + " (attempt " + ATTEMPT + ")");
    assertThat(report.logLinesContaining("decision=lost"))
        .singleElement()
        .asString()
        .contains("execution_skip_decision job=" + JOB + " team=" + TEAM + " attempt_id=" + ATTEMPT
            + " backend=postgres decision=lost reason=\"The connection that held PostgreSQL advisory lock");
    assertThat(report.logLines()).noneMatch(line -> line.contains(TestPostgres.PASSWORD));
    assertThat(Thread.getAllStackTraces().keySet())
        .as("watchdog threads after the run")
        .noneMatch(thread -> thread.isAlive() && thread.getName().startsWith(LockWatchdog.THREAD_NAME));
  }
}

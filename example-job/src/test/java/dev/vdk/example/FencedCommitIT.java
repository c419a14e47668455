package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.testsupport.ChildJvm;
import dev.vdk.testsupport.RunningChildJvm;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of the example job that overlap because the first lost its lease: frozen (SIGSTOP) past
 * its time to live while it held records in hand, it is taken over by a second run, which loads
 * and commits; resumed (SIGCONT), the first finds its commit refused, since its fencing token is
 * lower than the second's, and ends as a failure that says so. Each record is loaded once.
 */
class FencedCommitIT {
  private static final Path JAR = Path.of("target", "example-job.jar").toAbsolutePath();
  private static final long BOUND_SECONDS = ChildJvm.DEADLINE.toSeconds();

  private static EmbeddedPostgres postgres;

  @TempDir Path workDir;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  private ChildJvm run(String name, int pauseSeconds) {
    return ChildJvm.in(workDir).withEnvironment(Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres-lease",
        "VDK_EXECUTION_SKIP_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
        "VDK_EXECUTION_SKIP_POSTGRES_USER", "postgres",
        "VDK_EXECUTION_SKIP_LEASE_TTL_SECONDS", "2",
        // The second run waits for the frozen first one's lease to run out, then runs.
        "VDK_EXECUTION_SKIP_WAIT_SECONDS", "60",
        "VDK_EXAMPLE_PAUSE_SECONDS", Integer.toString(pauseSeconds),
        "VDK_ATTEMPT_ID", name + "-attempt-abcde",
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", workDir.resolve(name + ".termination").toString()));
  }

  @Test
  void aRunFrozenPastItsLeaseIsTakenOverAndItsLateCommitIsRefused() throws Exception {
    try (RunningChildJvm first = run("first", 60).start(List.of("-jar", JAR.toString()))) {
      // It holds the lease and the ten records, and has not committed.
      first.awaitLine("Pausing 60 s with 10 records in hand (checkpoint 0, fencing token 1)");
      signal("STOP", first.pid());
      try {
        ChildJvm.Result second = run("second", 0).runJar(JAR);
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output())
            .contains("decision=run")
            .contains("fencing_token=2")
            .contains("Loaded 10 new records; checkpoint 0 -> 10");
      } finally {
        // Thawed whatever the second run did, so that the first ends and says what it did.
        signal("CONT", first.pid());
      }

      ChildJvm.Result firstResult = first.awaitExit();
      assertThat(firstResult.exitCode()).as(firstResult.output()).isNotZero();
      assertThat(firstResult.output())
          .contains("Refused to commit: this run's fencing token 1 is lower than 2, the token of the run that"
              + " committed last")
          .doesNotContain("Loaded ");
    }
    assertThat(Files.readString(workDir.resolve("first.termination")))
        .containsAnyOf("\"status\": \"Platform error\"", "\"status\": \"User error\"");

    List<String> ids = Files.readAllLines(workDir.resolve("example-data").resolve("output.csv")).stream()
        .skip(1)
        .map(line -> line.split(",")[0])
        .toList();
    assertThat(ids).as("each record loaded once").containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    assertThat(workDir.resolve("example-data").resolve("checkpoint")).hasContent("10\nfencing_token=2");
  }

  /** Sends a signal with kill(1); ProcessHandle can only end a process, not freeze it. */
  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
  }
}

package dev.vdk.executionskip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the command does with any backend that holds a lock: it probes (takes the lock and gives
 * it back at once), never keeps or drops a holder's lock, and names the holder as the backend
 * knows it. A backend's test class supplies the environment that selects it and a backend over the
 * same locks, which holds the lock for the test.
 */
abstract class LockProbeContract {
  static final ExecutionRequest HOLDER = new ExecutionRequest("team-a", "job-a", "exec-holder", "exec-holder-abcde");
  private static final ExecutionRequest NEXT = new ExecutionRequest("team-a", "job-a", "exec-next", "exec-next-fghij");

  final InProcessCommand command = new InProcessCommand();

  /** The {@code VDK_} variables that select the backend and its locks. */
  abstract Map<String, String> environment();

  /** A backend over the same locks as the command's, as another execution would use. */
  abstract ExecutionBackend backend() throws Exception;

  private InProcessCommand.Result check(String... options) {
    List<String> args = new ArrayList<>(List.of("check", "--team", "team-a", "--job", "job-a"));
    args.addAll(List.of(options));
    return command.run(environment(), args.toArray(String[]::new));
  }

  @Test
  void aFreeLockWouldRunAndTheProbeDoesNotKeepIt() throws Exception {
    InProcessCommand.Result result = check();

    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("would RUN.")
        .contains("the " + backend().name() + " lock was taken for a moment to probe it and released at once.")
        .contains("Conflicting executions: none.");
    Decision later = backend().tryAcquire(NEXT);
    try (Lease lease = later.lease()) {
      assertThat(later.verdict()).as(later.reason()).isEqualTo(Verdict.RUN);
    }
  }

  @Test
  void aHeldLockWouldBeSkippedTheHolderIsNamedAndKeepsIt() throws Exception {
    Decision held = backend().tryAcquire(HOLDER);
    try (Lease lease = held.lease()) {
      InProcessCommand.Result result = check();

      assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
      assertThat(result.out())
          .contains("would be SKIPPED.")
          .contains("by attempt exec-holder-abcde of execution exec-holder")
          .doesNotContain("lock was taken for a moment")
          .containsPattern("\nexec-holder +running +\\d{4}-\\d{2}-\\d{2}T\\S+ +\\S.*\n");
      assertThat(backend().tryAcquire(NEXT).verdict())
          .as("the probe of a held lock leaves the holder holding it")
          .isEqualTo(Verdict.SKIP);
    }
  }

  @Test
  void jsonNamesTheHolderWithItsStartAndWhereItRuns() throws Exception {
    Decision held = backend().tryAcquire(HOLDER);
    try (Lease lease = held.lease()) {
      InProcessCommand.Result result = check("--json");

      JsonNode json = new ObjectMapper().readTree(result.out());
      assertThat(result.exitCode()).isEqualTo(10);
      assertThat(json.get("decision").asText()).isEqualTo("skip");
      assertThat(json.get("backend").asText()).isEqualTo(backend().name());
      JsonNode holder = json.get("executions").get(0);
      assertThat(holder.get("id").asText()).isEqualTo("exec-holder");
      assertThat(holder.get("status").asText()).isEqualTo("running");
      assertThat(Instant.parse(holder.get("start_time").asText())).isBeforeOrEqualTo(Instant.now());
      assertThat(holder.get("started_by").asText()).isNotBlank();
    }
  }

  @Test
  void aReleasedHolderNoLongerBlocks() throws Exception {
    backend().tryAcquire(HOLDER).lease().close();

    assertThat(check().exitCode()).isEqualTo(0);
  }
}

package dev.vdk.executionskip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command with the {@code local} backend. The holder is in this JVM: the backend keeps a
 * process-wide table of the locks it holds, so the command sees the holder exactly as a second
 * process would see it through the OS lock, and cannot drop the holder's lock by probing.
 */
class CheckCommandLocalTest {
  private static final ExecutionRequest HOLDER =
      new ExecutionRequest("team-a", "job-a", "exec-holder", "exec-holder-abcde");

  /** An instant as {@code Instant.toString} writes it, which is how the holder records its start. */
  private static final String STARTED_AT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

  @TempDir Path lockDirectory;

  private final InProcessCommand command = new InProcessCommand();

  private Map<String, String> environment() {
    return Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
        "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", lockDirectory.toString());
  }

  private Decision acquire() throws Exception {
    return new LocalFileLockBackend(lockDirectory).tryAcquire(HOLDER);
  }

  @Test
  void aFreeLockWouldRunAndTheProbeDoesNotKeepIt() throws Exception {
    InProcessCommand.Result result = command.run(environment(), "check", "--team", "team-a", "--job", "job-a");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("would RUN.")
        .contains("backend:    local")
        .contains("the local lock was taken for a moment to probe it and released at once.")
        .contains("Conflicting executions: none.");
    Decision later = acquire();
    try (Lease lease = later.lease()) {
      assertThat(later.verdict()).as(later.reason()).isEqualTo(Verdict.RUN);
    }
  }

  @Test
  void aHeldLockWouldBeSkippedAndTheHolderIsNamed() throws Exception {
    Decision held = acquire();
    try (Lease lease = held.lease()) {
      InProcessCommand.Result result = command.run(environment(), "check", "--team", "team-a", "--job", "job-a");

      assertThat(result.exitCode()).as(result.err()).isEqualTo(10);
      assertThat(result.out())
          .contains("would be SKIPPED.")
          .contains("held in this process by attempt exec-holder-abcde of execution exec-holder")
          .containsPattern("\nexec-holder +running +" + STARTED_AT + " +-\n");
      // The probe of a held lock leaves the holder holding it.
      assertThat(new LocalFileLockBackend(lockDirectory).tryAcquire(
              new ExecutionRequest("team-a", "job-a", "exec-2", "exec-2-fghij")).verdict())
          .isEqualTo(Verdict.SKIP);
    }
  }

  @Test
  void jsonNamesTheHolderAsTheConflictingExecution() throws Exception {
    Decision held = acquire();
    try (Lease lease = held.lease()) {
      InProcessCommand.Result result =
          command.run(environment(), "check", "--team", "team-a", "--job", "job-a", "--json");

      JsonNode json = new ObjectMapper().readTree(result.out());
      assertThat(result.exitCode()).isEqualTo(10);
      assertThat(json.get("decision").asText()).isEqualTo("skip");
      assertThat(json.get("backend").asText()).isEqualTo("local");
      assertThat(json.get("executions").get(0).get("id").asText()).isEqualTo("exec-holder");
      assertThat(json.get("executions").get(0).get("start_time").asText()).matches(STARTED_AT);
    }
  }

  @Test
  void aReleasedHolderNoLongerBlocks() throws Exception {
    acquire().lease().close();

    assertThat(command.run(environment(), "check", "--team", "team-a", "--job", "job-a").exitCode()).isEqualTo(0);
  }
}

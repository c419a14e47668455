package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The token of the lease a run holds reaches its steps and its decision line. */
class FencingTokenReachesTheJobTest {
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private JobRunReport runWith(Lease lease) {
    ExecutionBackend backend = new ExecutionBackend() {
      @Override
      public String name() {
        return "scripted";
      }

      @Override
      public Decision tryAcquire(ExecutionRequest request) {
        return Decision.run("no other execution holds the job", lease);
      }
    };
    Step load = Step.named("load", input -> seen.add("token " + input.runControl().fencingToken()));
    FakeTime time = new FakeTime();
    return JobTestKit.forJob(new DataJob(List.of(load), "job_name = orders\nteam = finance", "job.conf"))
        .withPlugin(new ExecutionSkipPlugin(time, time, new SpiedBackends(() -> backend).providers()))
        .withEnvironment("VDK_ATTEMPT_ID", "orders-123-abcde")
        .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local")
        .run();
  }

  @Test
  void aStepReadsTheTokenOfTheLeaseItsRunHolds() {
    Lease withToken = new Lease() {
      @Override
      public void close() {}

      @Override
      public OptionalLong fencingToken() {
        return OptionalLong.of(1234);
      }
    };

    JobRunReport report = runWith(withToken);

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(seen).containsExactly("token OptionalLong[1234]");
    assertThat(report.logLinesContaining(DecisionLine.PREFIX))
        .singleElement()
        .asString()
        .contains(" decision=run ")
        .endsWith(" fencing_token=1234");
  }

  @Test
  void aBackendWithoutTokensLeavesTheRunWithoutOne() {
    JobRunReport report = runWith(() -> {});

    assertThat(seen).containsExactly("token OptionalLong.empty");
    assertThat(report.logLinesContaining(DecisionLine.PREFIX))
        .singleElement()
        .asString()
        .endsWith(" fencing_token=-");
  }
}

package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.spy;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.HookOrder;
import dev.vdk.api.JobContext;
import dev.vdk.api.Order;
import dev.vdk.api.Step;
import dev.vdk.api.VdkPlugin;
import dev.vdk.testing.JobTestKit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** {@code finalizeJob} and {@code vdkExit} see how the run ended: status, message and cause. */
class TeardownOutcomeTest {
  private static DataJob job(Step... steps) {
    return DataJob.of("j", "t", List.of(steps));
  }

  @HookOrder(Order.TRY_FIRST)
  static final class SkippingGuard implements VdkPlugin {
    @Override
    public Optional<ExecutionResult> runJob(JobContext context) {
      return Optional.of(ExecutionResult.skipped("another execution is running"));
    }
  }

  /** Records how each run ended, as an audit or notification plugin would. */
  static class AuditPlugin implements VdkPlugin {
    final List<String> recorded = new ArrayList<>();

    @Override
    public void finalizeJob(JobContext context, ExecutionResult result) {
      recorded.add("finalizeJob " + result.status().text() + ": " + result.message());
    }

    @Override
    public void vdkExit(ExecutionResult result) {
      recorded.add("vdkExit " + result.status().text() + ", exit code " + result.exitCode());
    }
  }

  @Test
  void anAuditPluginRecordsThatTheRunWasSkipped() {
    AuditPlugin audit = new AuditPlugin();

    JobTestKit.forJob(job(Step.named("load", input -> {}))).withPlugin(new SkippingGuard()).withPlugin(audit).run();

    assertThat(audit.recorded)
        .containsExactly("finalizeJob Skipped: another execution is running", "vdkExit Skipped, exit code 0");
  }

  @Test
  void teardownSeesAFailedStepAsAUserErrorWithItsCause() {
    IllegalStateException failure = new IllegalStateException("bad data");
    AuditPlugin audit = spy(new AuditPlugin());

    JobTestKit.forJob(job(Step.named("load", input -> { throw failure; }))).withPlugin(audit).run();

    ArgumentCaptor<ExecutionResult> finalized = ArgumentCaptor.forClass(ExecutionResult.class);
    InOrder order = inOrder(audit);
    order.verify(audit).finalizeJob(any(JobContext.class), finalized.capture());
    order.verify(audit).vdkExit(finalized.getValue());
    assertThat(finalized.getValue().status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(finalized.getValue().message()).contains("load").contains("bad data");
    assertThat(finalized.getValue().cause()).containsSame(failure);
  }

  @Test
  void aPluginWrittenAgainstTheOneArgumentHooksIsStillCalled() {
    List<String> calls = new ArrayList<>();
    VdkPlugin older =
        new VdkPlugin() {
          @Override
          public void finalizeJob(JobContext context) {
            calls.add("finalizeJob " + context.jobName());
          }

          @Override
          public void vdkExit(int exitCode) {
            calls.add("vdkExit " + exitCode);
          }
        };

    JobTestKit.forJob(job(Step.named("load", input -> { throw new IllegalStateException("bad"); })))
        .withPlugin(older)
        .run();

    assertThat(calls).containsExactly("finalizeJob j", "vdkExit " + ExecutionStatus.USER_ERROR.exitCode());
  }
}

package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.HookOrder;
import dev.vdk.api.JobContext;
import dev.vdk.api.Order;
import dev.vdk.api.RunControl;
import dev.vdk.api.Step;
import dev.vdk.api.VdkPlugin;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A plugin stops a run through its {@link RunControl}: no further step starts. */
class StopRequestTest {
  private static final String REASON = "The lock guarding job demo-job was lost.";
  private static final Duration BOUND = Duration.ofSeconds(30);

  private final List<String> events = new CopyOnWriteArrayList<>();

  /** Stands for a plugin that watches something from its own thread while the steps run. */
  @HookOrder(Order.TRY_FIRST)
  static final class WatchingPlugin implements VdkPlugin {
    private final AtomicReference<JobContext> context = new AtomicReference<>();

    @Override
    public Optional<ExecutionResult> runJob(JobContext context) {
      this.context.set(context);
      return Optional.empty();
    }

    /** Requests the stop from another thread, as a watchdog would, and waits for it to finish. */
    void noticeLossFromAnotherThread() throws InterruptedException {
      Thread watchdog = new Thread(() -> context.get().runControl().requestStop(REASON));
      watchdog.start();
      watchdog.join(BOUND.toMillis());
    }
  }

  private DataJob job(Step... steps) {
    return DataJob.of("demo-job", "demo-team", List.of(steps));
  }

  private Step step(String name) {
    return Step.named(name, input -> events.add("step " + name));
  }

  @Test
  void aStopRequestedDuringAStepRunsNoFurtherStepAndEndsTheRunAsAPlatformError() {
    WatchingPlugin plugin = new WatchingPlugin();
    Step one = Step.named("one", input -> {
      events.add("step one");
      plugin.noticeLossFromAnotherThread();
      // A step may wait on the signal instead of sleeping; it wakes as soon as the stop comes.
      events.add("step one saw stop " + input.runControl().awaitStop(BOUND));
    });

    JobRunReport report = JobTestKit.forJob(job(one, step("two"))).withPlugin(plugin).run();

    assertThat(events).containsExactly("step one", "step one saw stop true");
    assertThat(report.stepsRun()).containsExactly("one");
    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.exitCode()).isNotZero();
    assertThat(report.result().message())
        .isEqualTo("Job demo-job of team demo-team stopped before step two: " + REASON);
    assertThat(report.terminationMessage())
        .hasValueSatisfying(message -> assertThat(message).contains("\"status\": \"Platform error\""));
    assertThat(report.logLinesContaining("ended with status Platform error"))
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("SEVERE").contains(REASON));
    assertThat(report.context()).hasValueSatisfying(context -> {
      assertThat(context.runControl().stopRequested()).isTrue();
      assertThat(context.runControl().stopReason()).contains(REASON);
    });
  }

  @Test
  void aStopRequestedDuringTheLastStepStillEndsTheRunAsAPlatformError() {
    WatchingPlugin plugin = new WatchingPlugin();
    Step last = Step.named("last", input -> plugin.noticeLossFromAnotherThread());

    JobRunReport report = JobTestKit.forJob(job(step("first"), last)).withPlugin(plugin).run();

    assertThat(report.stepsRun()).containsExactly("first", "last");
    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.result().message())
        .isEqualTo("Job demo-job of team demo-team was asked to stop during step last: " + REASON);
  }

  @Test
  void aStepThatFailsOnceAStopWasRequestedReportsTheStopAsTheCause() {
    WatchingPlugin plugin = new WatchingPlugin();
    Step one = Step.named("one", input -> {
      plugin.noticeLossFromAnotherThread();
      throw new IllegalStateException("the step gave up");
    });

    JobRunReport report = JobTestKit.forJob(job(one, step("two"))).withPlugin(plugin).run();

    assertThat(report.stepsRun()).containsExactly("one");
    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.result().message())
        .startsWith("Job demo-job of team demo-team was asked to stop during step one: " + REASON)
        .contains("the step gave up");
    assertThat(report.result().cause().orElseThrow()).hasMessage("the step gave up");
  }

  @Test
  void everyRunHasItsOwnRunControl() {
    WatchingPlugin plugin = new WatchingPlugin();
    JobTestKit kit = JobTestKit.forJob(job(step("one"))).withPlugin(plugin);

    JobRunReport first = kit.run();
    plugin.context.get().runControl().requestStop(REASON);
    JobRunReport second = kit.run();

    assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(second.context().orElseThrow().runControl())
        .isNotSameAs(first.context().orElseThrow().runControl());
    assertThat(second.context().orElseThrow().runControl().stopRequested()).isFalse();
  }

  @Test
  void theFirstReasonWinsAndAWaitWithoutAStopTimesOut() throws InterruptedException {
    RunControl control = new RunControl();

    assertThat(control.awaitStop(Duration.ofMillis(1))).isFalse();
    assertThat(control.stopReason()).isEmpty();
    control.requestStop("first");
    control.requestStop("second");

    assertThat(control.stopRequested()).isTrue();
    assertThat(control.stopReason()).contains("first");
    assertThat(control.awaitStop(Duration.ZERO)).isTrue();
  }
}

package dev.vdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.DataJob;
import dev.vdk.api.Step;
import dev.vdk.runtime.HookCall;
import dev.vdk.runtime.RuntimeKeys;
import dev.vdk.runtime.StepRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run report lists the hook calls in order, and the run logs the resolved order at debug level. */
class JobRunReportHookCallsTest {
  private static JobRunReport run() {
    return JobTestKit.forJob(DataJob.of("j", "t", List.of(Step.named("load", input -> {}))))
        .withPlugin(new org.example.TryLastPlugin())
        .withPlugin(new aaa.TryFirstPlugin())
        .run();
  }

  @Test
  void theReportListsEveryHookCallInOrderWithItsPlugin() {
    JobRunReport report = run();

    assertThat(report.hookCalls())
        .containsExactly(
            new HookCall("vdkConfigure", aaa.TryFirstPlugin.class),
            new HookCall("vdkConfigure", RuntimeKeys.class),
            new HookCall("vdkConfigure", org.example.TryLastPlugin.class),
            new HookCall("initializeJob", aaa.TryFirstPlugin.class),
            new HookCall("initializeJob", org.example.TryLastPlugin.class),
            new HookCall("runJob", aaa.TryFirstPlugin.class),
            new HookCall("runJob", org.example.TryLastPlugin.class),
            new HookCall("runJob", StepRunner.class),
            new HookCall("finalizeJob", org.example.TryLastPlugin.class),
            new HookCall("finalizeJob", aaa.TryFirstPlugin.class),
            new HookCall("vdkExit", org.example.TryLastPlugin.class),
            new HookCall("vdkExit", aaa.TryFirstPlugin.class));
  }

  @Test
  void theRunLogsTheResolvedOrderAtDebugLevel() {
    JobRunReport report = run();

    assertThat(report.logLinesContaining("Hooks are called in this order"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("FINE")
                    .contains(
                        "runJob: aaa.TryFirstPlugin (try-first), org.example.TryLastPlugin (try-last),"
                            + " then the job's steps")
                    .contains(
                        "finalizeJob: org.example.TryLastPlugin (try-last), aaa.TryFirstPlugin (try-first)"));
  }
}

package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.JobContext;
import dev.vdk.api.JobInput;
import dev.vdk.api.Step;
import dev.vdk.api.VdkPlugin;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/**
 * The order of hooks is declared: the group ({@code @HookOrder}), then registration, the most
 * recently registered first. The plugins' packages sort before ({@code aaa}) and after ({@code
 * org.example}) the runtime's own {@code dev.vdk}, so an order that followed names would show.
 */
class HookOrderTest {
  private final Step step = mock(Step.class);

  HookOrderTest() {
    when(step.name()).thenReturn("load");
  }

  private JobRunReport run(VdkPlugin... plugins) {
    JobTestKit kit = JobTestKit.forJob(DataJob.of("j", "t", List.of(step)));
    for (VdkPlugin plugin : plugins) {
      kit.withPlugin(plugin);
    }
    JobRunReport report = kit.run();
    assertThat(report.status()).as(report.result().message()).isEqualTo(ExecutionStatus.SUCCESS);
    return report;
  }

  @Test
  void theStepsRunAfterEveryTryLastRunJobWhateverThePluginsPackage() throws Exception {
    VdkPlugin sortsBefore = spy(new aaa.TryLastPlugin());
    VdkPlugin sortsAfter = spy(new org.example.TryLastPlugin());

    run(sortsBefore, sortsAfter);

    InOrder before = inOrder(sortsBefore, step);
    before.verify(sortsBefore).runJob(any(JobContext.class));
    before.verify(step).run(any(JobInput.class));
    InOrder after = inOrder(sortsAfter, step);
    after.verify(sortsAfter).runJob(any(JobContext.class));
    after.verify(step).run(any(JobInput.class));
  }

  @Test
  void insideAGroupTheMostRecentlyRegisteredIsCalledFirstWhateverTheNames() {
    VdkPlugin aaaFirst = spy(new aaa.TryLastPlugin());
    VdkPlugin orgSecond = spy(new org.example.TryLastPlugin());
    run(aaaFirst, orgSecond);
    InOrder order = inOrder(aaaFirst, orgSecond);
    order.verify(orgSecond).runJob(any(JobContext.class));
    order.verify(aaaFirst).runJob(any(JobContext.class));

    VdkPlugin orgFirst = spy(new org.example.TryLastPlugin());
    VdkPlugin aaaSecond = spy(new aaa.TryLastPlugin());
    run(orgFirst, aaaSecond);
    InOrder reversed = inOrder(orgFirst, aaaSecond);
    reversed.verify(aaaSecond).runJob(any(JobContext.class));
    reversed.verify(orgFirst).runJob(any(JobContext.class));
  }

  @Test
  void aPluginRegisteredInCodeIsCalledBeforeADiscoveredOneOfItsGroup(@TempDir Path classpathEntry) throws Exception {
    Path services = Files.createDirectories(classpathEntry.resolve("META-INF/services"));
    Files.writeString(services.resolve(VdkPlugin.class.getName()), aaa.TryLastPlugin.class.getName() + "\n");
    ClassLoader loader = new URLClassLoader(new URL[] {classpathEntry.toUri().toURL()}, getClass().getClassLoader());

    RunOutcome outcome =
        DataJobRuntime.builder()
            .discoverPluginsIn(loader)
            .plugin(new org.example.TryLastPlugin())
            .environment(Map.of("VDK_TERMINATION_MESSAGE_WRITER_ENABLED", "false"))
            .processExit(code -> {})
            .build()
            .run(DataJob.of("j", "t", List.of(step)));

    assertThat(outcome.hookCalls().stream().filter(call -> call.hook().equals("runJob")))
        .containsExactly(
            new HookCall("runJob", org.example.TryLastPlugin.class),
            new HookCall("runJob", aaa.TryLastPlugin.class),
            new HookCall("runJob", StepRunner.class));
  }

  @Test
  void teardownRunsInTheReverseOrderOfSetupSoATryFirstGuardReleasesLast() throws Exception {
    VdkPlugin guard = spy(new org.example.TryFirstPlugin());
    VdkPlugin normal = spy(new aaa.UnmarkedPlugin());
    VdkPlugin audit = spy(new aaa.TryLastPlugin());

    run(audit, normal, guard);

    InOrder order = inOrder(guard, normal, audit, step);
    order.verify(guard).initializeJob(any(JobContext.class));
    order.verify(normal).initializeJob(any(JobContext.class));
    order.verify(audit).initializeJob(any(JobContext.class));
    order.verify(guard).runJob(any(JobContext.class));
    order.verify(normal).runJob(any(JobContext.class));
    order.verify(audit).runJob(any(JobContext.class));
    order.verify(step).run(any(JobInput.class));
    order.verify(audit).finalizeJob(any(JobContext.class));
    order.verify(normal).finalizeJob(any(JobContext.class));
    order.verify(guard).finalizeJob(any(JobContext.class));
    order.verify(audit).vdkExit(0);
    order.verify(normal).vdkExit(0);
    order.verify(guard).vdkExit(0);
  }
}

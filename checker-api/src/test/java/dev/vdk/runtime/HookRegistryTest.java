package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.Configuration;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.HookOrder;
import dev.vdk.api.JobContext;
import dev.vdk.api.LogConfig;
import dev.vdk.api.Order;
import dev.vdk.api.RunControl;
import dev.vdk.api.StateStore;
import dev.vdk.api.VdkPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HookRegistryTest {
  private final List<String> calls = new ArrayList<>();

  /** Records each runJob call under a label and returns {@code result}. */
  abstract class Recording implements VdkPlugin {
    final String label;
    final Optional<ExecutionResult> result;

    Recording(String label, Optional<ExecutionResult> result) {
      this.label = label;
      this.result = result;
    }

    @Override
    public Optional<ExecutionResult> runJob(JobContext context) {
      calls.add(label);
      return result;
    }
  }

  @HookOrder(Order.TRY_LAST)
  class BLast extends Recording {
    BLast(String label) {
      super(label, Optional.empty());
    }
  }

  class ANormal extends Recording {
    ANormal(String label) {
      super(label, Optional.empty());
    }
  }

  class ZNormal extends Recording {
    ZNormal(String label) {
      super(label, Optional.empty());
    }
  }

  @HookOrder(Order.TRY_FIRST)
  class YFirst extends Recording {
    YFirst(String label) {
      super(label, Optional.empty());
    }
  }

  @HookOrder(Order.TRY_LAST)
  class TryLastByClassButFirstForRunJob extends Recording {
    TryLastByClassButFirstForRunJob(String label) {
      super(label, Optional.empty());
    }

    @Override
    @HookOrder(Order.TRY_FIRST)
    public Optional<ExecutionResult> runJob(JobContext context) {
      return super.runJob(context);
    }
  }

  class Answering extends Recording {
    Answering(String label) {
      super(label, Optional.of(ExecutionResult.skipped("answered")));
    }
  }

  class ConfigureOnly implements VdkPlugin {
    @Override
    public void vdkConfigure(ConfigurationBuilder builder) {
      calls.add("configure");
    }
  }

  @Test
  void callsTryFirstThenNormalThenTryLast() {
    HookRegistry registry =
        new HookRegistry(List.of(new BLast("last"), new ANormal("normal"), new YFirst("first")));

    registry.runJob(context());

    assertThat(calls).containsExactly("first", "normal", "last");
  }

  @Test
  void insideAGroupTheMostRecentlyRegisteredIsCalledFirstWhateverTheClassNames() {
    HookRegistry registry =
        new HookRegistry(
            List.of(new ZNormal("z1"), new ANormal("a1"), new ZNormal("z2"), new ANormal("a2")));

    registry.runJob(context());

    assertThat(calls).containsExactly("a2", "z2", "a1", "z1");
  }

  @Test
  void anOrderOnTheMethodWinsOverTheOrderOnTheClass() {
    HookRegistry registry =
        new HookRegistry(List.of(new TryLastByClassButFirstForRunJob("method"), new BLast("last")));

    registry.runJob(context());

    assertThat(calls).containsExactly("method", "last");
  }

  @Test
  void runJobStopsAtTheFirstResult() {
    HookRegistry registry =
        new HookRegistry(List.of(new YFirst("first"), new Answering("answers"), new BLast("never")));

    Optional<ExecutionResult> result = registry.runJob(context());

    assertThat(result).map(ExecutionResult::message).contains("answered");
    assertThat(calls).containsExactly("first", "answers");
  }

  @Test
  void pluginsThatDoNotImplementAHookAreNotCalledForIt() {
    HookRegistry registry = new HookRegistry(List.of(new ConfigureOnly(), new ANormal("normal")));

    assertThat(registry.implementationsOf(Hook.RUN_JOB)).hasSize(1);
    assertThat(registry.implementationsOf(Hook.VDK_CONFIGURE)).hasSize(1);
  }

  @Test
  void aFailingHookNamesThePluginClass() {
    VdkPlugin failing =
        new VdkPlugin() {
          @Override
          public void vdkConfigure(ConfigurationBuilder builder) {
            throw new IllegalStateException("boom");
          }
        };
    HookRegistry registry = new HookRegistry(List.of(failing));

    assertThatThrownBy(() -> registry.vdkConfigure(new ConfigurationBuilder()))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining(failing.getClass().getName())
        .hasMessageContaining("vdkConfigure")
        .hasMessageContaining("boom");
  }

  @Test
  void finalizeCallsEveryPluginEvenWhenOneFails() {
    VdkPlugin failing =
        new VdkPlugin() {
          @Override
          public void finalizeJob(JobContext context) {
            calls.add("failing");
            throw new IllegalStateException("boom");
          }
        };
    VdkPlugin releasing =
        new VdkPlugin() {
          @Override
          public void finalizeJob(JobContext context) {
            calls.add("releasing");
          }
        };

    new HookRegistry(List.of(failing, releasing)).finalizeJob(context(), ExecutionResult.success());

    assertThat(calls).containsExactlyInAnyOrder("failing", "releasing");
  }

  @Test
  void finalizeCallsEveryPluginEvenWhenOneThrowsAnError() {
    VdkPlugin broken =
        new VdkPlugin() {
          @Override
          public void finalizeJob(JobContext context) {
            throw new AssertionError("a broken invariant");
          }
        };
    VdkPlugin releasing =
        new VdkPlugin() {
          @Override
          public void finalizeJob(JobContext context) {
            calls.add("releasing");
          }
        };

    new HookRegistry(List.of(broken, releasing)).finalizeJob(context(), ExecutionResult.success());

    assertThat(calls).containsExactly("releasing");
  }

  private static JobContext context() {
    return new JobContext(
        "job", "team", "exec", "exec-abcde", LogConfig.LOCAL,
        new Configuration(Map.of(), Map.of()), new StateStore(), new RunControl());
  }
}

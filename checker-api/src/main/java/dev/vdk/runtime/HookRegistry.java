package dev.vdk.runtime;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.HookOrder;
import dev.vdk.api.JobContext;
import dev.vdk.api.OneLine;
import dev.vdk.api.Order;
import dev.vdk.api.Redactor;
import dev.vdk.api.VdkPlugin;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Knows how to call each hook, so that no call site orders plugins itself. Implementations of a
 * hook are called try-first, then normal, then try-last; inside a group by the plugin's fully
 * qualified class name, then by registration order. {@code runJob} is first-result: the first
 * implementation that returns a result ends the call.
 */
public final class HookRegistry {
  private static final System.Logger LOG = System.getLogger(HookRegistry.class.getName());

  private final List<VdkPlugin> plugins;

  /** @param plugins in registration order */
  public HookRegistry(List<VdkPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
  }

  public void vdkConfigure(ConfigurationBuilder builder) {
    forEach(Hook.VDK_CONFIGURE, plugin -> plugin.vdkConfigure(builder));
  }

  public void initializeJob(JobContext context) {
    forEach(Hook.INITIALIZE_JOB, plugin -> plugin.initializeJob(context));
  }

  /** Calls implementations in order until one returns a result. */
  public Optional<ExecutionResult> runJob(JobContext context) {
    for (VdkPlugin plugin : implementationsOf(Hook.RUN_JOB)) {
      Optional<ExecutionResult> result = call(Hook.RUN_JOB, plugin, () -> plugin.runJob(context));
      if (result != null && result.isPresent()) {
        return result;
      }
    }
    return Optional.empty();
  }

  /** Calls every implementation, even when one fails, so that each can release what it holds. */
  public void finalizeJob(JobContext context) {
    forEachLoggingFailures(
        Hook.FINALIZE_JOB, Redactor.of(context.configuration()), plugin -> plugin.finalizeJob(context));
  }

  public void vdkExit(int exitCode) {
    forEachLoggingFailures(Hook.VDK_EXIT, Redactor.withoutSecrets(), plugin -> plugin.vdkExit(exitCode));
  }

  /** The plugins that implement a hook, in the order they are called. */
  List<VdkPlugin> implementationsOf(Hook hook) {
    List<Indexed> implementing = new ArrayList<>();
    for (int i = 0; i < plugins.size(); i++) {
      VdkPlugin plugin = plugins.get(i);
      implementation(plugin, hook).ifPresent(m -> implementing.add(new Indexed(plugin, orderOf(plugin, m))));
    }
    implementing.sort(
        Comparator.comparing(Indexed::order)
            .thenComparing(indexed -> indexed.plugin().getClass().getName()));
    return implementing.stream().map(Indexed::plugin).toList();
  }

  private record Indexed(VdkPlugin plugin, Order order) {}

  private static Optional<Method> implementation(VdkPlugin plugin, Hook hook) {
    try {
      Method method = plugin.getClass().getMethod(hook.methodName, hook.parameterType);
      return method.getDeclaringClass() == VdkPlugin.class ? Optional.empty() : Optional.of(method);
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  private static Order orderOf(VdkPlugin plugin, Method method) {
    HookOrder onMethod = method.getAnnotation(HookOrder.class);
    if (onMethod != null) {
      return onMethod.value();
    }
    HookOrder onClass = plugin.getClass().getAnnotation(HookOrder.class);
    return onClass != null ? onClass.value() : Order.NORMAL;
  }

  private void forEach(Hook hook, Consumer<VdkPlugin> action) {
    for (VdkPlugin plugin : implementationsOf(hook)) {
      call(hook, plugin, () -> {
        action.accept(plugin);
        return null;
      });
    }
  }

  /** {@code redactor} hides the run's secrets in what a failure says. */
  private void forEachLoggingFailures(Hook hook, Redactor redactor, Consumer<VdkPlugin> action) {
    for (VdkPlugin plugin : implementationsOf(hook)) {
      try {
        action.accept(plugin);
      } catch (RuntimeException | Error e) {
        // Any Error too (an AssertionError, a StackOverflowError): the other plugins must still
        // release what they hold, and the run must still write its termination message.
        LOG.log(
            Level.WARNING,
            OneLine.escape(redactor.redact(
                "Plugin " + plugin.getClass().getName() + " failed in " + hook.methodName
                    + "; the other plugins still ran: " + e)),
            redactor.redact(e));
      }
    }
  }

  private static <T> T call(Hook hook, VdkPlugin plugin, Supplier<T> body) {
    try {
      return body.get();
    } catch (ConfigurationException e) {
      // A bad setting is the user's to fix and already names the key; keep it as it is.
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new PluginException(
          "Plugin " + plugin.getClass().getName() + " failed in " + hook.methodName + ": " + e, e);
    }
  }
}

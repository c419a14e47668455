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
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Knows how to call each hook, so that no call site orders plugins itself. The order is declared,
 * as in pluggy: the implementations of a setup hook ({@code vdkConfigure}, {@code initializeJob},
 * {@code runJob}) are called try-first, then normal, then try-last, and inside a group the most
 * recently registered first. The teardown hooks ({@code finalizeJob}, {@code vdkExit}) are called
 * in the exact reverse of that order, as JUnit 5 calls its after-callbacks, so what a try-first
 * plugin set up is torn down last. No name takes part. {@code runJob} is first-result: the first
 * implementation that returns a result ends the call.
 */
public final class HookRegistry {
  private static final System.Logger LOG = System.getLogger(HookRegistry.class.getName());

  private final List<VdkPlugin> plugins;
  private final Consumer<HookCall> onCall;

  /** @param plugins in registration order */
  public HookRegistry(List<VdkPlugin> plugins) {
    this(plugins, call -> {});
  }

  /**
   * @param plugins in registration order
   * @param onCall told of each call just before it is made
   */
  public HookRegistry(List<VdkPlugin> plugins, Consumer<HookCall> onCall) {
    this.plugins = List.copyOf(plugins);
    this.onCall = onCall;
  }

  public void vdkConfigure(ConfigurationBuilder builder) {
    forEach(Hook.VDK_CONFIGURE, plugin -> plugin.vdkConfigure(builder.declaredBy(plugin.getClass())));
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
  public void finalizeJob(JobContext context, ExecutionResult result) {
    forEachLoggingFailures(
        Hook.FINALIZE_JOB, Redactor.of(context.configuration()), plugin -> plugin.finalizeJob(context, result));
  }

  /** Calls every implementation, even when one fails. */
  public void vdkExit(ExecutionResult result) {
    forEachLoggingFailures(Hook.VDK_EXIT, Redactor.withoutSecrets(), plugin -> plugin.vdkExit(result));
  }

  /**
   * The resolved order, one line per hook, e.g. {@code runJob: com.example.Guard (try-first), then
   * the job's steps}.
   */
  public List<String> describeOrder() {
    List<String> lines = new ArrayList<>();
    for (Hook hook : Hook.values()) {
      List<String> names = new ArrayList<>();
      for (VdkPlugin plugin : implementationsOf(hook)) {
        Order order = implementation(plugin, hook).map(method -> orderOf(plugin, method)).orElseThrow();
        names.add(plugin.getClass().getName() + " (" + order.name().toLowerCase(Locale.ROOT).replace('_', '-') + ")");
      }
      String implementations = String.join(", ", names);
      if (hook == Hook.RUN_JOB) {
        implementations = names.isEmpty() ? "the job's steps" : implementations + ", then the job's steps";
      }
      lines.add(hook.methodName + ": " + (implementations.isEmpty() ? "(none)" : implementations));
    }
    return lines;
  }

  /** The plugins that implement a hook, in the order they are called. */
  List<VdkPlugin> implementationsOf(Hook hook) {
    List<Indexed> implementing = new ArrayList<>();
    for (int i = 0; i < plugins.size(); i++) {
      VdkPlugin plugin = plugins.get(i);
      int registration = i;
      implementation(plugin, hook)
          .ifPresent(m -> implementing.add(new Indexed(plugin, orderOf(plugin, m), registration)));
    }
    Comparator<Indexed> setupOrder =
        Comparator.comparing(Indexed::order)
            .thenComparing(Comparator.comparingInt(Indexed::registration).reversed());
    implementing.sort(hook.teardown ? setupOrder.reversed() : setupOrder);
    return implementing.stream().map(Indexed::plugin).toList();
  }

  private record Indexed(VdkPlugin plugin, Order order, int registration) {}

  /** The plugin's own method for a hook, in any of the hook's forms; none when it keeps the defaults. */
  private static Optional<Method> implementation(VdkPlugin plugin, Hook hook) {
    for (List<Class<?>> signature : hook.signatures) {
      try {
        Method method = plugin.getClass().getMethod(hook.methodName, signature.toArray(Class<?>[]::new));
        if (method.getDeclaringClass() != VdkPlugin.class) {
          return Optional.of(method);
        }
      } catch (NoSuchMethodException e) {
        // Every form is declared by VdkPlugin, so getMethod always finds one; keep looking anyway.
      }
    }
    return Optional.empty();
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
      onCall.accept(new HookCall(hook.methodName, plugin.getClass()));
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

  private <T> T call(Hook hook, VdkPlugin plugin, Supplier<T> body) {
    onCall.accept(new HookCall(hook.methodName, plugin.getClass()));
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

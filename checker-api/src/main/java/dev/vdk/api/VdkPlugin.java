package dev.vdk.api;

import java.util.Optional;

/**
 * The hooks a plugin may implement, mirroring VDK's {@code vdk_configure}, {@code initialize_job},
 * {@code run_job}, {@code finalize_job} and {@code vdk_exit}. Every hook is a no-op by default, so a
 * plugin implements only what it needs, and is called only for the hooks its class overrides (a
 * Mockito mock of this interface overrides none: mock or spy a class). {@link HookOrder} declares
 * where it runs and has the whole rule of the order: declared groups, then registration, never a
 * name; teardown in reverse.
 *
 * <p>Plugins are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.vdk.api.VdkPlugin}; it needs a public no-argument constructor) or are
 * registered in code. One instance serves one run; keep state in fields or in the {@link
 * JobContext#state()}, never in static fields.
 *
 * <p>What an exception thrown by a hook does to the run:
 *
 * <ul>
 *   <li>{@code vdkConfigure}, {@code initializeJob}, {@code runJob}: a {@link
 *       ConfigurationException} ends the run as a User error with its own message; any other
 *       runtime exception, or a {@link LinkageError}, ends it as a Platform error whose message names
 *       the plugin's class and the hook. No later setup hook and no step runs. {@code finalizeJob}
 *       is still called for every plugin once the job context exists (so after a failed {@code
 *       initializeJob} or {@code runJob}, not after a failed {@code vdkConfigure}); {@code vdkExit}
 *       always.
 *   <li>{@code finalizeJob}, {@code vdkExit}: a warning naming the plugin and the hook; every other
 *       plugin is still called, and the run's status and exit code do not change.
 *   <li>A step (not a hook): an exception is a User error, an {@link Error} a Platform error.
 * </ul>
 */
public interface VdkPlugin {

  /** Declares configuration keys with their defaults and descriptions. */
  default void vdkConfigure(ConfigurationBuilder builder) {}

  /** Called once the configuration and the job context exist, before any run hook. */
  default void initializeJob(JobContext context) {}

  /**
   * Runs the job, or part of it. This is a first-result hook: implementations are called in order
   * until one returns a result, and that result ends the run. When none does, the job's steps run,
   * always after every implementation, {@link Order#TRY_LAST} ones included. A plugin returns
   * {@link Optional#empty()} to let the run go on, or for example {@link
   * ExecutionResult#skipped(String)} to end it before any step.
   */
  default Optional<ExecutionResult> runJob(JobContext context) {
    return Optional.empty();
  }

  /**
   * Called after the run, however it ended (a skip or a failure included), with how it ended: its
   * status, message and cause. Release what was held here, or record the outcome; an audit plugin
   * can tell {@link ExecutionStatus#SKIPPED} from {@link ExecutionStatus#SUCCESS}. Called for every
   * plugin once the job context exists, even when an earlier hook failed.
   *
   * <p>This is the form the runtime calls. By default it calls {@link #finalizeJob(JobContext)}, so
   * a plugin implements one of the two.
   */
  default void finalizeJob(JobContext context, ExecutionResult result) {
    finalizeJob(context);
  }

  /**
   * The form of {@link #finalizeJob(JobContext, ExecutionResult)} for a plugin that does not need
   * the outcome; the runtime reaches it only through that method's default.
   */
  default void finalizeJob(JobContext context) {}

  /**
   * Called last, with how the run ended; {@link ExecutionResult#exitCode()} is the code the process
   * is about to end with. Called on every run, also when the configuration could not be read.
   *
   * <p>This is the form the runtime calls. By default it calls {@link #vdkExit(int)}, so a plugin
   * implements one of the two.
   */
  default void vdkExit(ExecutionResult result) {
    vdkExit(result.exitCode());
  }

  /**
   * The form of {@link #vdkExit(ExecutionResult)} for a plugin that needs only the exit code; the
   * runtime reaches it only through that method's default.
   */
  default void vdkExit(int exitCode) {}
}

package dev.vdk.executionskip;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.HookOrder;
import dev.vdk.api.JobContext;
import dev.vdk.api.LogConfig;
import dev.vdk.api.OneLine;
import dev.vdk.api.Order;
import dev.vdk.api.Redactor;
import dev.vdk.api.VdkPlugin;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The execution-skip plugin: before any step of a job runs, it asks the selected backend whether
 * another execution of the same job is running, and ends the run as Skipped (exit code 0, no step
 * run) when one is. Try-first, so it runs before every other {@code runJob} implementation.
 *
 * <p>When the check itself fails, {@code EXECUTION_SKIP_ON_ERROR} decides: proceed (the default,
 * as the reference), skip or fail. Whatever happens, one {@link DecisionLine} is logged.
 */
@HookOrder(Order.TRY_FIRST)
public final class ExecutionSkipPlugin implements VdkPlugin {
  private static final System.Logger LOG = System.getLogger(ExecutionSkipPlugin.class.getName());
  private static final String LEASE = ExecutionSkipPlugin.class.getName() + ".lease";

  private final Clock clock;
  private final Sleeper sleeper;
  private final BackendFactory backends;

  /** The plugin as {@link java.util.ServiceLoader} makes it: real clock, sleeper and backends. */
  public ExecutionSkipPlugin() {
    this(Clock.systemUTC(), Sleeper.SYSTEM);
  }

  public ExecutionSkipPlugin(Clock clock, Sleeper sleeper) {
    this(clock, sleeper, new ConfiguredBackends(clock, sleeper));
  }

  public ExecutionSkipPlugin(Clock clock, Sleeper sleeper, BackendFactory backends) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.backends = backends;
  }

  @Override
  public void vdkConfigure(ConfigurationBuilder builder) {
    ExecutionSkipKeys.declare(builder);
  }

  @Override
  public Optional<ExecutionResult> runJob(JobContext context) {
    long start = clock.millis();
    Configuration config = context.configuration();
    OnErrorPolicy onError = OnErrorPolicy.PROCEED;
    // As written by the user, so the decision line names the chosen backend even when the check
    // never gets to parse it (disabled, or another key is bad).
    String backend =
        config.find(ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_BACKEND)
            .map(name -> name.trim().toLowerCase(Locale.ROOT))
            .orElse(BackendKind.CONTROL_SERVICE.configName());
    try {
      if (!config.getBoolean(ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_ENABLED)) {
        log(context, backend, "run", "the checker is disabled by EXECUTION_SKIP_CHECKER_ENABLED", Optional.empty(), start);
        return Optional.empty();
      }
      onError = config.getEnum(ExecutionSkipKeys.EXECUTION_SKIP_ON_ERROR, OnErrorPolicy.class);
      BackendKind kind = config.getEnum(ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_BACKEND, BackendKind.class);
      backend = kind.configName();
      // As in the reference, the Control Service knows only deployed (cloud) executions. A chosen
      // local or postgres backend guards every run.
      if (kind == BackendKind.CONTROL_SERVICE && context.logConfig() != LogConfig.CLOUD) {
        LOG.log(Level.INFO, "Local execution, skipping parallel execution check.");
        log(context, backend, "run", "local execution; the control-service check runs only in CLOUD", Optional.empty(), start);
        return Optional.empty();
      }
      Duration deadline = ExecutionSkipKeys.checkDeadline(config);
      Duration wait = ExecutionSkipKeys.waitForOthers(config);
      Decision decision =
          new BoundedCheck(deadline.plus(wait))
              .decide(new WaitingBackend(backends.create(kind, config), wait, clock, sleeper), request(context));
      if (decision.runs()) {
        context.state().put(LEASE, decision.lease());
        log(context, backend, "run", decision.reason(), decision.conflictingExecutionId(), start);
        return Optional.empty();
      }
      LOG.log(
          Level.INFO,
          shown(context, "Skipping job " + context.jobName() + " of team " + context.team() + " (attempt "
              + context.attemptId() + "): another execution is running, "
              + decision.conflictingExecutionId().map(id -> "id " + id).orElse("id unknown") + ". "
              + decision.reason()));
      log(context, backend, "skip", decision.reason(), decision.conflictingExecutionId(), start);
      return Optional.of(ExecutionResult.skipped(shown(context, decision.reason())));
    } catch (Exception | LinkageError e) {
      // LinkageError too: a broken or clashing jar is a failed check like any other, and the
      // error policy, not the framework, decides whether the job runs.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return onError(context, onError, backend, e, start);
    }
  }

  /** Releases what the backend holds (a lock, a session) however the run ended. */
  @Override
  public void finalizeJob(JobContext context) {
    context.state().remove(LEASE, Lease.class).ifPresent(Lease::close);
  }

  private Optional<ExecutionResult> onError(
      JobContext context, OnErrorPolicy policy, String backend, Throwable error, long start) {
    String cause = error instanceof ConfigurationException ? error.getMessage() : String.valueOf(error);
    String problem =
        "Error while checking for concurrent executions of job " + context.jobName() + " of team "
            + context.team() + " (attempt " + context.attemptId() + "): " + cause;
    String decision = (policy == OnErrorPolicy.PROCEED ? "run" : policy.name().toLowerCase(Locale.ROOT)) + "-on-error";
    switch (policy) {
      case SKIP -> {
        LOG.log(Level.WARNING, shown(context, problem + " Skipping the execution, as EXECUTION_SKIP_ON_ERROR=skip asks."));
        log(context, backend, decision, cause, Optional.empty(), start);
        return Optional.of(ExecutionResult.skipped(
            shown(context, "The concurrency check failed and EXECUTION_SKIP_ON_ERROR=skip: " + cause)));
      }
      case FAIL -> {
        LOG.log(Level.ERROR, shown(context, problem + " Failing the execution, as EXECUTION_SKIP_ON_ERROR=fail asks."));
        log(context, backend, decision, cause, Optional.empty(), start);
        return Optional.of(
            ExecutionResult.platformError(
                shown(context, "The concurrency check failed and EXECUTION_SKIP_ON_ERROR=fail: " + cause),
                Redactor.of(context.configuration()).redact(error)));
      }
      default -> {
        LOG.log(Level.WARNING, shown(context, problem));
        LOG.log(Level.WARNING, "Proceeding with the execution despite the check failure (EXECUTION_SKIP_ON_ERROR=proceed).");
        log(context, backend, decision, cause, Optional.empty(), start);
        return Optional.empty();
      }
    }
  }

  private void log(
      JobContext context, String backend, String decision, String reason, Optional<String> conflictingId, long start) {
    // Redacted before the line quotes them, so that every form of a secret is still recognised.
    Redactor redactor = Redactor.of(context.configuration());
    LOG.log(
        Level.INFO,
        new DecisionLine(
                context, backend, decision, redactor.redact(reason), conflictingId.map(redactor::redact),
                clock.millis() - start)
            .render());
  }

  /**
   * Every sentence the plugin writes goes through here: no declared secret in any form, no URL
   * credentials, and whatever came from outside (ids, holder details, error bodies) on one line.
   */
  private static String shown(JobContext context, String text) {
    return OneLine.escape(Redactor.of(context.configuration()).redact(text));
  }

  private static ExecutionRequest request(JobContext context) {
    return new ExecutionRequest(context.team(), context.jobName(), context.executionId(), context.attemptId());
  }
}

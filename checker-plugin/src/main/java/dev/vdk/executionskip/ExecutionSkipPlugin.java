package dev.vdk.executionskip;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.HookOrder;
import dev.vdk.api.JobContext;
import dev.vdk.api.LogConfig;
import dev.vdk.api.Order;
import dev.vdk.api.Redactor;
import dev.vdk.api.VdkPlugin;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Sleeper;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The execution-skip plugin: before any step of a job runs, it asks the selected backend whether
 * another execution of the same job is running, and ends the run as Skipped (exit code 0, no step
 * run) when one is. Try-first, so it runs before every other {@code runJob} implementation.
 *
 * <p>The backends are {@link BackendProviders}: the plugin selects one by name and knows none of
 * them. When the check itself fails, {@code EXECUTION_SKIP_ON_ERROR} decides: proceed (the default,
 * as in VDK), skip or fail. A bad setting of the plugin is not a failed check but a user
 * error, so no bad value can weaken the configured policy. Whatever happens, one {@link
 * DecisionLine} is logged.
 */
@HookOrder(Order.TRY_FIRST)
public final class ExecutionSkipPlugin implements VdkPlugin {
  private static final String LEASE = ExecutionSkipPlugin.class.getName() + ".lease";

  private final Clock clock;
  private final Sleeper sleeper;
  private final BackendProviders backends;

  /**
   * The plugin as {@link java.util.ServiceLoader} makes it: real clock, sleeper and backends. It is
   * made long before a run checks, so it starts loading the expected backend's code on a background
   * thread at once ({@link BackgroundPreload}).
   */
  public ExecutionSkipPlugin() {
    this(Clock.systemUTC(), Sleeper.SYSTEM);
    BackgroundPreload.start(System.getenv(), backends);
  }

  /** The plugin with the backends on the class path. */
  public ExecutionSkipPlugin(Clock clock, Sleeper sleeper) {
    this(clock, sleeper, BackendProviders.discover());
  }

  public ExecutionSkipPlugin(Clock clock, Sleeper sleeper, BackendProviders backends) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.backends = backends;
  }

  @Override
  public void vdkConfigure(ConfigurationBuilder builder) {
    new ExecutionSkipKeys(backends).declare(builder);
  }

  @Override
  public Optional<ExecutionResult> runJob(JobContext context) {
    long start = clock.millis();
    Configuration config = context.configuration();
    PluginLog log = new PluginLog(ExecutionSkipPlugin.class, Redactor.of(config));
    // As written by the user, so the decision line names the chosen backend even when a bad
    // setting stops the run before the name is parsed.
    String backend =
        config.find(ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_BACKEND)
            .map(name -> name.trim().toLowerCase(Locale.ROOT))
            .orElse(ExecutionSkipKeys.DEFAULT_BACKEND);
    PluginSettings settings;
    try {
      settings = PluginSettings.read(config, backends);
    } catch (ConfigurationException e) {
      return invalidSetting(log, context, backend, e, start);
    }
    BackendProvider provider = settings.backend();
    backend = provider.name();
    if (!settings.enabled()) {
      decision(log, context, backend, "run", "the checker is disabled by EXECUTION_SKIP_CHECKER_ENABLED", Optional.empty(), start);
      return Optional.empty();
    }
    // A backend that knows only deployed executions (the Control Service, as in VDK) does not
    // check a local run; the lock backends guard every run.
    if (!provider.checks(context.logConfig())) {
      log.log(Level.INFO, "Local execution, skipping parallel execution check.");
      decision(log, context, backend, "run",
          "local execution; the " + backend + " check runs only in " + checkedIn(provider),
          Optional.empty(), start);
      return Optional.empty();
    }
    ExecutionBackend checker;
    try {
      checker = provider.create(config, new BackendContext(clock, sleeper, settings.deadline()));
    } catch (ConfigurationException e) {
      // The backend's own keys: as bad a setting as any other, not a failed check.
      return invalidSetting(log, context, backend, e, start);
    } catch (Exception | LinkageError e) {
      return failedCheck(log, context, settings.onError(), backend, e, start);
    }
    try {
      Decision decision =
          new BoundedCheck(settings.checkBudget(), clock)
              .decide(
                  new WaitingBackend(checker, settings.waitForOthers(), clock, sleeper, log.redactor()),
                  request(context),
                  new ConflictSeen());
      if (decision.runs()) {
        Lease lease = decision.lease();
        context.state().put(LEASE, lease);
        // Before any step runs, so that every write of the job can carry it.
        lease.fencingToken().ifPresent(context.runControl()::grantFencingToken);
        decision(log, context, backend, "run", decision.reason(), decision.conflictingExecutionId(), start,
            lease.fencingToken());
        lease.watch(new LeaseLossReport(context, backend, clock, log, lease.fencingToken()));
        return Optional.empty();
      }
      log.log(
          Level.INFO,
          "Skipping job " + context.jobName() + " of team " + context.team() + " (attempt "
              + context.attemptId() + "): another execution is running, "
              + decision.conflictingExecutionId().map(id -> "id " + id).orElse("id unknown") + ". "
              + decision.reason());
      decision(log, context, backend, "skip", decision.reason(), decision.conflictingExecutionId(), start);
      return Optional.of(ExecutionResult.skipped(log.shown(decision.reason())));
    } catch (Exception | LinkageError e) {
      return failedCheck(log, context, settings.onError(), backend, e, start);
    }
  }

  /** Releases what the backend holds (a lock, a session) however the run ended. */
  @Override
  public void finalizeJob(JobContext context) {
    context.state().remove(LEASE, Lease.class).ifPresent(Lease::close);
  }

  /**
   * A bad value of any of the plugin's keys ends the run as a user error, whatever the error policy:
   * falling back to a policy would let a typo make the guard more permissive than configured.
   */
  private Optional<ExecutionResult> invalidSetting(
      PluginLog log, JobContext context, String backend, ConfigurationException error, long start) {
    decision(log, context, backend, "user-error", error.getMessage(), Optional.empty(), start);
    return Optional.of(
        ExecutionResult.userError(
            "The execution-skip plugin is not configured correctly, so the job's steps did not run. "
                + error.getMessage(),
            error));
  }

  // LinkageError too: a broken or clashing jar is a failed check like any other, and the error
  // policy, not the framework, decides whether the job runs.
  private Optional<ExecutionResult> failedCheck(
      PluginLog log, JobContext context, OnErrorPolicy policy, String backend, Throwable error, long start) {
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    String cause = error instanceof ConfigurationException ? error.getMessage() : String.valueOf(error);
    String problem =
        "Error while checking for concurrent executions of job " + context.jobName() + " of team "
            + context.team() + " (attempt " + context.attemptId() + "): " + cause;
    String decision = (policy == OnErrorPolicy.PROCEED ? "run" : policy.name().toLowerCase(Locale.ROOT)) + "-on-error";
    switch (policy) {
      case SKIP -> {
        log.log(Level.WARNING, problem + " Skipping the execution, as EXECUTION_SKIP_ON_ERROR=skip asks.");
        decision(log, context, backend, decision, cause, Optional.empty(), start);
        return Optional.of(ExecutionResult.skipped(
            log.shown("The concurrency check failed and EXECUTION_SKIP_ON_ERROR=skip: " + cause)));
      }
      case FAIL -> {
        log.log(Level.ERROR, problem + " Failing the execution, as EXECUTION_SKIP_ON_ERROR=fail asks.");
        decision(log, context, backend, decision, cause, Optional.empty(), start);
        return Optional.of(
            ExecutionResult.platformError(
                log.shown("The concurrency check failed and EXECUTION_SKIP_ON_ERROR=fail: " + cause),
                log.redactor().redact(error)));
      }
      default -> {
        log.log(Level.WARNING, problem);
        log.log(Level.WARNING, "Proceeding with the execution despite the check failure (EXECUTION_SKIP_ON_ERROR=proceed).");
        decision(log, context, backend, decision, cause, Optional.empty(), start);
        return Optional.empty();
      }
    }
  }

  private void decision(
      PluginLog log, JobContext context, String backend, String decision, String reason,
      Optional<String> conflictingId, long start) {
    decision(log, context, backend, decision, reason, conflictingId, start, OptionalLong.empty());
  }

  private void decision(
      PluginLog log, JobContext context, String backend, String decision, String reason,
      Optional<String> conflictingId, long start, OptionalLong fencingToken) {
    log.decision(
        new DecisionLine(context, backend, decision, reason, conflictingId, clock.millis() - start, fencingToken));
  }

  /** The log configurations whose runs the backend checks, e.g. {@code CLOUD}. */
  private static String checkedIn(BackendProvider provider) {
    return Arrays.stream(LogConfig.values()).filter(provider::checks).map(Enum::name).collect(Collectors.joining(" and "));
  }

  private static ExecutionRequest request(JobContext context) {
    return new ExecutionRequest(context.team(), context.jobName(), context.executionId(), context.attemptId());
  }
}

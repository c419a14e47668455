package dev.vdk.runtime;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import dev.vdk.api.LogConfig;
import dev.vdk.api.OneLine;
import dev.vdk.api.Redactor;
import dev.vdk.api.RunControl;
import dev.vdk.api.StateStore;
import dev.vdk.api.VdkPlugin;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs a data job: finds the plugins, lets them declare configuration, layers the configuration,
 * derives the ids, then calls {@code initializeJob}, {@code runJob} (first result wins), the
 * job's steps when no plugin ended the run, {@code finalizeJob}, writes the termination message exactly once with the final
 * status, calls {@code vdkExit} and ends the process through {@link ProcessExit}.
 *
 * <p>Every collaborator (environment, clock, randomness, process exit, class loader) comes in
 * through the {@link Builder}, so a whole run, skip included, can happen inside a test.
 */
public final class DataJobRuntime {
  private static final System.Logger LOG = System.getLogger(DataJobRuntime.class.getName());

  private final List<VdkPlugin> registeredPlugins;
  private final Optional<ClassLoader> discoveryClassLoader;
  private final Map<String, String> environment;
  private final Map<String, String> overrides;
  private final ProcessExit processExit;
  private final Clock clock;
  private final RandomGenerator random;
  private final Supplier<UUID> uuids;

  private DataJobRuntime(Builder builder) {
    this.registeredPlugins = List.copyOf(builder.plugins);
    this.discoveryClassLoader = builder.discoveryClassLoader;
    this.environment = Map.copyOf(builder.environment);
    this.overrides = Map.copyOf(builder.overrides);
    this.processExit = builder.processExit;
    this.clock = builder.clock;
    this.random = builder.random;
    this.uuids = builder.uuids;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs the job to its end, then exits through the {@link ProcessExit}. */
  public RunOutcome run(DataJob job) {
    List<String> stepsStarted = new ArrayList<>();
    List<HookCall> hookCalls = new ArrayList<>();
    Optional<JobContext> context = Optional.empty();
    Optional<Configuration> configuration = Optional.empty();
    HookRegistry hooks = new HookRegistry(List.of());
    StepRunner steps = new StepRunner(job, stepsStarted::add);
    ExecutionResult result;
    try {
      HookRegistry registry = new HookRegistry(plugins(), hookCalls::add);
      hooks = registry;
      LOG.log(Level.DEBUG, () -> "Hooks are called in this order: " + String.join("; ", registry.describeOrder()) + ".");
      configuration = Optional.of(configure(hooks, job));
      JobContext started = context(configuration.get(), job);
      context = Optional.of(started);
      hooks.initializeJob(started);
      result =
          hooks.runJob(started)
              .orElseGet(
                  () -> {
                    hookCalls.add(new HookCall("runJob", StepRunner.class));
                    return steps.run(started);
                  });
    } catch (ConfigurationException e) {
      result = ExecutionResult.userError(e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      // Errors too (a step's StackOverflowError, say): monitoring must still learn that the run
      // failed, so the run ends through the same path and writes its termination message.
      result = ExecutionResult.platformError(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
    if (context.isPresent()) {
      hooks.finalizeJob(context.get(), result);
    }
    logEndWhateverHappens(result, context);
    terminationMessageWriter(configuration).write(result.status());
    hooks.vdkExit(result);
    processExit.exit(result.exitCode());
    return new RunOutcome(result, stepsStarted, hookCalls, context);
  }

  /** The order in which a run calls the hooks, one line per hook; calls no hook. */
  public List<String> hookOrder() {
    return new HookRegistry(plugins()).describeOrder();
  }

  /** The configuration a run of this job would see, for config help; runs no job hook but {@code vdkConfigure}. */
  public Configuration configuration(DataJob job) {
    return configure(new HookRegistry(plugins()), job);
  }

  /**
   * The plugins in registration order: the runtime's own, then the discovered ones in the order
   * {@link java.util.ServiceLoader} finds them, then those registered in code, in the order given.
   */
  private List<VdkPlugin> plugins() {
    List<VdkPlugin> plugins = new ArrayList<>();
    plugins.add(new RuntimeKeys());
    // A plugin registered in code replaces a discovered one of the same class: two instances of,
    // say, the execution-skip plugin would find each other's lock and skip their own run.
    Set<Class<?>> registeredClasses = new HashSet<>();
    registeredPlugins.forEach(plugin -> registeredClasses.add(plugin.getClass()));
    discoveryClassLoader.ifPresent(
        loader ->
            PluginDiscovery.discover(loader).stream()
                .filter(plugin -> !registeredClasses.contains(plugin.getClass()))
                .forEach(plugins::add));
    plugins.addAll(registeredPlugins);
    return plugins;
  }

  private Configuration configure(HookRegistry hooks, DataJob job) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    hooks.vdkConfigure(builder);
    return ConfigurationLoader.load(builder.keys(), job, environment, overrides);
  }

  private JobContext context(Configuration configuration, DataJob job) {
    ExecutionIds ids =
        ExecutionIds.derive(
            configuration.find(RuntimeKeys.EXECUTION_ID),
            configuration.find(RuntimeKeys.ATTEMPT_ID),
            clock,
            random,
            uuids);
    return new JobContext(
        nameOrTeam(configuration, RuntimeKeys.JOB_NAME, job),
        nameOrTeam(configuration, RuntimeKeys.TEAM, job),
        ids.executionId(),
        ids.attemptId(),
        configuration.getEnum(RuntimeKeys.LOG_CONFIG, LogConfig.class),
        configuration,
        new StateStore(),
        new RunControl());
  }

  // "Set it in the job's config file" would point at a file that a job made in code does not have.
  private static String nameOrTeam(Configuration configuration, String key, DataJob job) {
    if (configuration.find(key).isPresent() || !job.configText().isBlank()) {
      return configuration.getString(key);
    }
    throw new ConfigurationException(
        "Configuration key " + key + " has no value and the job has no config file: set the environment"
            + " variable VDK_" + key + ", or make the job with DataJob.of(jobName, team, steps) or with a"
            + " job.conf (DataJob.withConfigResource).");
  }

  // Also used when the configuration itself could not be read: the status must still reach
  // monitoring, so the writer falls back to the defaults (or the raw environment variable).
  private TerminationMessageWriter terminationMessageWriter(Optional<Configuration> configuration) {
    boolean enabled = true;
    String file = RuntimeKeys.DEFAULT_TERMINATION_LOG;
    LogConfig logConfig = LogConfig.LOCAL;
    if (configuration.isPresent()) {
      Configuration config = configuration.get();
      try {
        enabled = config.getBoolean(RuntimeKeys.TERMINATION_MESSAGE_WRITER_ENABLED);
        file = config.getString(RuntimeKeys.TERMINATION_MESSAGE_WRITER_OUTPUT_FILE);
        logConfig = config.getEnum(RuntimeKeys.LOG_CONFIG, LogConfig.class);
      } catch (ConfigurationException e) {
        LOG.log(Level.WARNING, e.getMessage() + " The termination message uses the defaults.");
      }
    } else {
      file =
          ConfigurationLoader.rawValue(RuntimeKeys.TERMINATION_MESSAGE_WRITER_OUTPUT_FILE, overrides, environment)
              .orElse(file);
    }
    return new TerminationMessageWriter(enabled, file, VdkVersion.current(), logConfig);
  }

  /**
   * The end line must never keep the run from writing its termination message, calling {@code
   * vdkExit} and exiting: whatever showing the result throws (a failure that cannot be printed, a
   * logging backend that breaks) ends in a shorter line, or in nothing.
   */
  private static void logEndWhateverHappens(ExecutionResult result, Optional<JobContext> context) {
    try {
      logEnd(result, context);
    } catch (RuntimeException | Error e) {
      try {
        LOG.log(
            Level.ERROR,
            OneLine.escape(
                who(context) + " ended with status " + result.status().text() + " (exit code "
                    + result.exitCode() + "); its end line could not be logged in full: "
                    + e.getClass().getName()));
      } catch (RuntimeException | Error ignored) {
        // Nothing more can be said; the run still ends as it must.
      }
    }
  }

  private static String who(Optional<JobContext> context) {
    return context
        .map(c -> "Job " + c.jobName() + " of team " + c.team() + " (attempt " + c.attemptId() + ")")
        .orElse("The job");
  }

  private static void logEnd(ExecutionResult result, Optional<JobContext> context) {
    String who = who(context);
    Level level =
        switch (result.status()) {
          case SUCCESS, SKIPPED -> Level.INFO;
          default -> Level.ERROR;
        };
    // A plugin's message and cause may quote secrets or outside values: hidden, and on one line.
    Redactor redactor =
        context.map(c -> Redactor.of(c.configuration())).orElseGet(Redactor::withoutSecrets);
    LOG.log(
        level,
        OneLine.escape(redactor.redact(
            who + " ended with status " + result.status().text() + " (exit code " + result.exitCode()
                + "): " + result.message())),
        redactor.redact(result.cause().orElse(null)));
  }

  /** Collects the run's collaborators; the defaults are those of a real process. */
  public static final class Builder {
    private final List<VdkPlugin> plugins = new ArrayList<>();
    private Optional<ClassLoader> discoveryClassLoader =
        Optional.of(Thread.currentThread().getContextClassLoader());
    private Map<String, String> environment = System.getenv();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private ProcessExit processExit = ProcessExit.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SecureRandom();
    private Supplier<UUID> uuids = UUID::randomUUID;

    /** Registers a plugin in code, in addition to the discovered ones. */
    public Builder plugin(VdkPlugin plugin) {
      plugins.add(plugin);
      return this;
    }

    /** Finds plugins with {@link java.util.ServiceLoader} in this class loader (the default: the context class loader). */
    public Builder discoverPluginsIn(ClassLoader classLoader) {
      this.discoveryClassLoader = Optional.of(classLoader);
      return this;
    }

    /** Uses only the plugins registered in code. */
    public Builder withoutPluginDiscovery() {
      this.discoveryClassLoader = Optional.empty();
      return this;
    }

    /** The process environment, read for {@code VDK_<KEY>} variables. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** A value that wins over every other layer. */
    public Builder override(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    public Builder processExit(ProcessExit processExit) {
      this.processExit = processExit;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    public Builder uuids(Supplier<UUID> uuids) {
      this.uuids = uuids;
      return this;
    }

    public DataJobRuntime build() {
      return new DataJobRuntime(this);
    }
  }
}

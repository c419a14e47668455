package dev.vdk.executionskip.cli;

import dev.vdk.api.ConfigKey;
import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.DataJob;
import dev.vdk.api.OneLine;
import dev.vdk.api.Redactor;
import dev.vdk.executionskip.BackendFactory;
import dev.vdk.executionskip.BackendKind;
import dev.vdk.executionskip.BoundedCheck;
import dev.vdk.executionskip.ConfiguredBackends;
import dev.vdk.executionskip.ExecutionSkipKeys;
import dev.vdk.executionskip.Sleeper;
import dev.vdk.executionskip.backend.CheckTimeoutException;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.cli.CheckReport.ExecutionRow;
import dev.vdk.executionskip.controlservice.ControlServiceBackend;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import dev.vdk.executionskip.controlservice.ActiveExecutions;
import dev.vdk.executionskip.controlservice.OwnRecord;
import dev.vdk.runtime.ConfigHelp;
import dev.vdk.runtime.ConfigurationLoader;
import dev.vdk.runtime.ExecutionIds;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The operator command {@code check}: would an execution of a job that starts now run or be
 * skipped, and which executions are in its way. It is configured by the plugin's own keys, read
 * from {@code VDK_<KEY>} environment variables exactly as a job reads them, and makes its backend
 * with the plugin's {@link ConfiguredBackends}.
 *
 * <p>Everything it touches (environment, output streams, clock, backends) comes in through the
 * constructor, so tests run it in-process; {@link #main} wires the real ones and exits with the
 * command's exit code.
 */
public final class CheckCommand {
  static final int WOULD_RUN = 0;
  static final int WOULD_BE_SKIPPED = 10;
  static final int COULD_NOT_CHECK = 2;
  static final int HELP_SHOWN = 0;

  /**
   * Starts every synthetic attempt id. Execution ids are Kubernetes names or UUID-based, which
   * never start with {@code ~}, so no execution's record is a synthetic attempt's own.
   */
  static final String SYNTHETIC_ATTEMPT_PREFIX = "~vdk-check-";

  /** Keys the plugin declares that only matter while a job runs, so this command ignores them. */
  private static final Set<String> NOT_READ =
      Set.of(
          ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_ENABLED,
          ExecutionSkipKeys.EXECUTION_SKIP_WAIT_SECONDS,
          ExecutionSkipKeys.EXECUTION_SKIP_ON_ERROR);

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final BackendFactory backends;

  public CheckCommand(
      Map<String, String> environment,
      PrintStream out,
      PrintStream err,
      Clock clock,
      BackendFactory backends) {
    this.environment = Map.copyOf(environment);
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.backends = backends;
  }

  /** Runs the command with the process's environment and streams, and exits with its code. */
  public static void main(String[] args) {
    // stdout carries the answer and stderr the one error line; the clients' informational log
    // lines would only get in the way, while warnings (such as unverified TLS) must still show.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
    }
    Logger.getLogger("").setLevel(Level.WARNING);
    Clock clock = Clock.systemUTC();
    int exitCode =
        new CheckCommand(System.getenv(), System.out, System.err, clock, new ConfiguredBackends(clock, Sleeper.SYSTEM))
            .run(args);
    System.out.flush();
    System.exit(exitCode);
  }

  /** Runs the command line {@code args}; returns the exit code. */
  public int run(String... args) {
    CheckArguments arguments;
    try {
      arguments = CheckArguments.parse(args);
    } catch (UsageException e) {
      err.println("vdk-check: " + e.getMessage() + " Run with --help for usage.");
      return COULD_NOT_CHECK;
    }
    if (arguments.help()) {
      out.print(help());
      return HELP_SHOWN;
    }
    Configuration config = null;
    try {
      config = ConfigurationLoader.load(declaredKeys(), DataJob.of(List.of()), environment, Map.of());
      CheckReport report = check(arguments, config).redactedBy(Redactor.of(config));
      out.print(arguments.json() ? report.toJson() : report.toText());
      return report.exitCode();
    } catch (Exception | Error e) {
      // Errors too (a clashing jar's LinkageError, a StackOverflowError, even an OutOfMemoryError):
      // left to the JVM they exit with 1, which is not a code this command documents.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      err.println(OneLine.escape(oneLine(redactor(config).redact(
          "vdk-check: could not check job " + arguments.job() + " of team " + arguments.team() + ": "
              + describe(e)))));
      return COULD_NOT_CHECK;
    }
  }

  private CheckReport check(CheckArguments arguments, Configuration config) throws Exception {
    BackendKind kind = config.getEnum(ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_BACKEND, BackendKind.class);
    boolean synthetic = arguments.attemptId().isEmpty();
    String attemptId = arguments.attemptId().orElseGet(() -> SYNTHETIC_ATTEMPT_PREFIX + UUID.randomUUID());
    String executionId =
        synthetic
            ? attemptId
            : ExecutionIds.derive(Optional.empty(), Optional.of(attemptId), clock, RandomGenerator.getDefault(), UUID::randomUUID)
                .executionId();
    ExecutionRequest request = new ExecutionRequest(arguments.team(), arguments.job(), executionId, attemptId);
    ExecutionBackend backend = backends.create(kind, config);
    Instant checkedAt = clock.instant();
    if (backend instanceof ControlServiceBackend controlService) {
      ActiveExecutions active = controlService.activeExecutions(request);
      Decision decision = controlService.decide(active, request);
      OwnRecord own = OwnRecord.of(request);
      List<ExecutionRow> conflicting =
          active.firstListed().stream()
              .filter(execution -> !own.matches(execution.id()))
              .map(e -> new ExecutionRow(e.id(), e.status(), e.startTime(), e.startedBy()))
              .toList();
      return new CheckReport(backend.name(), request.team(), request.jobName(), attemptId, synthetic, false,
          decision.verdict(), decision.reason(), conflicting, active.notKept(), checkedAt);
    }
    // A lock backend can only be asked by taking its lock; the probe gives it back at once, so that
    // asking never holds up a real execution for longer than the question takes.
    // Bounded as a job's check is, so an unreachable database cannot hang the operator either.
    Decision decision =
        new BoundedCheck(ExecutionSkipKeys.checkDeadline(config))
            .decide(backend, request);
    decision.lease().close();
    List<ExecutionRow> holder =
        decision.runs()
            ? List.of()
            : List.of(new ExecutionRow(
                decision.conflictingExecutionId().orElse(null),
                "running",
                decision.conflictingStartTime().map(Instant::toString).orElse(null),
                null));
    return new CheckReport(backend.name(), request.team(), request.jobName(), attemptId, synthetic, true,
        decision.verdict(), decision.reason(), holder, 0, checkedAt);
  }

  private static List<ConfigKey> declaredKeys() {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    ExecutionSkipKeys.declare(builder);
    return builder.keys();
  }

  private static String describe(Throwable e) {
    // Configuration and Control Service errors are written to be read as they are; anything else
    // is named by its type as well.
    String message = e.getMessage();
    boolean selfExplaining =
        e instanceof ConfigurationException
            || e instanceof ControlServiceException
            || e instanceof CheckTimeoutException;
    return selfExplaining && message != null ? message : String.valueOf(e);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /**
   * The messages are written to hold no secret; this makes sure, whatever a driver puts in one.
   * Before the configuration could be read, the sensitive keys' values are taken from the
   * environment as it would have given them.
   */
  private Redactor redactor(Configuration config) {
    if (config != null) {
      return Redactor.of(config);
    }
    return Redactor.withoutSecrets().with(
        declaredKeys().stream()
            .filter(ConfigKey::sensitive)
            .flatMap(key -> ConfigurationLoader.rawValue(key.name(), Map.of(), environment).stream())
            .toList());
  }

  static String help() {
    List<ConfigKey> keys = declaredKeys().stream().filter(key -> !NOT_READ.contains(key.name())).toList();
    return """
        Usage: java -jar checker-plugin.jar check --team TEAM --job JOB [--attempt-id ID] [--json]
               java -jar checker-plugin.jar --help

        Says whether an execution of data job JOB of team TEAM that started now would run or be
        skipped by the execution-skip plugin, and lists the executions in its way.

        Arguments:
          --team TEAM       the job's team (required)
          --job JOB         the job's name (required)
          --attempt-id ID   check as this attempt: the execution whose id is ID without its last
                            '-' segment is the attempt's own record and not in its way. Without
                            it a synthetic attempt id (starting with ~vdk-check-) is used that
                            matches no execution, so every execution listed counts as
                            conflicting; the output says so.
          --json            print one JSON object instead of text: decision (run or skip), reason,
                            backend, team, job, attempt_id, attempt_id_synthetic, checked_at and
                            executions (each with id, status, start_time and started_by; null
                            where unknown; of the first ten listed) and executions_not_shown
          --help, -h        print this help
          Options also take their value after '=', as in --team=TEAM. A value is never read as
          an option: write --job=-x for a value that starts with '-'.

        Exit codes:
          0   an execution starting now would run
          10  it would be skipped
          2   could not check: bad arguments, bad configuration, the backend could not be
              reached or did not answer in time, or the command itself failed; one line on
              stderr says what is wrong, and nothing is printed on stdout

        Backends (EXECUTION_SKIP_CHECKER_BACKEND):
          control-service  asks the Control Service for the job's submitted and running executions
                           and lists them; it asks whatever LOG_CONFIG says, since an operator
                           asks explicitly (a job asks only when LOG_CONFIG is CLOUD).
          local, postgres  a momentary probe: the command takes the job's lock and releases it at
                           once; it never keeps it. An execution that starts in that same moment
                           finds the lock taken and is skipped. When another execution holds the
                           lock, it is named by the id it recorded, and the reason says what else
                           is known (pid and start time, or the database session).

        Configuration: the command reads the plugin's keys as a job does, from VDK_<KEY>
        environment variables (for example VDK_CONTROL_SERVICE_REST_API_URL) and from the HOCON
        file that VDK_JOB_CONFIG names, if any; the variables win. It cannot see the config file
        packed inside a job's jar. It ignores EXECUTION_SKIP_CHECKER_ENABLED,
        EXECUTION_SKIP_WAIT_SECONDS and EXECUTION_SKIP_ON_ERROR: it checks even where a job would
        not, never waits, and reports a failed check as exit code 2. Tokens and passwords are
        never printed.

        Configuration keys (VDK_<KEY> environment variables, or keys in the VDK_JOB_CONFIG file):

        """
        + keyTable(keys);
  }

  /** The framework's key table without its heading, which speaks of a job's own config file. */
  private static String keyTable(List<ConfigKey> keys) {
    String table = ConfigHelp.render(keys);
    int body = table.indexOf("\n\n");
    return table.startsWith("Configuration keys") && body >= 0 ? table.substring(body + 2) : table;
  }
}

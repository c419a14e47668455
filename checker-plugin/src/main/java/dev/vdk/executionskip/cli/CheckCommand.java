package dev.vdk.executionskip.cli;

import dev.vdk.api.ConfigKey;
import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.DataJob;
import dev.vdk.api.OneLine;
import dev.vdk.api.Redactor;
import dev.vdk.executionskip.BackendProviders;
import dev.vdk.executionskip.BoundedCheck;
import dev.vdk.executionskip.ExecutionSkipKeys;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.runtime.ConfigHelp;
import dev.vdk.runtime.ConfigurationLoader;
import dev.vdk.runtime.ExecutionIds;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
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
 * from the plugin's {@link BackendProviders}, as a job does. It knows no backend: every backend's
 * decision names the executions in the way.
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
  private final Sleeper sleeper;
  private final BackendProviders backends;

  public CheckCommand(
      Map<String, String> environment,
      PrintStream out,
      PrintStream err,
      Clock clock,
      Sleeper sleeper,
      BackendProviders backends) {
    this.environment = Map.copyOf(environment);
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.sleeper = sleeper;
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
    int exitCode =
        new CheckCommand(
                System.getenv(), System.out, System.err, Clock.systemUTC(), Sleeper.SYSTEM, BackendProviders.discover())
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
      out.print(help(backends));
      return HELP_SHOWN;
    }
    Configuration config = null;
    try {
      config = ConfigurationLoader.load(declaredKeys(backends), DataJob.of(List.of()), environment, Map.of());
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
    // Read before anything is made, as a job reads them: a bad value is named, whatever else fails.
    Duration deadline = ExecutionSkipKeys.checkDeadline(config);
    ExecutionBackend backend =
        backends.selected(config).create(config, new BackendContext(clock, sleeper, deadline));
    boolean synthetic = arguments.attemptId().isEmpty();
    String attemptId = arguments.attemptId().orElseGet(() -> SYNTHETIC_ATTEMPT_PREFIX + UUID.randomUUID());
    String executionId =
        synthetic
            ? attemptId
            : ExecutionIds.derive(Optional.empty(), Optional.of(attemptId), clock, RandomGenerator.getDefault(), UUID::randomUUID)
                .executionId();
    ExecutionRequest request = new ExecutionRequest(arguments.team(), arguments.job(), executionId, attemptId);
    Instant checkedAt = clock.instant();
    // Bounded as a job's check is, so an unreachable backend cannot hang the operator either. A
    // lock backend can only be asked by taking its lock; it is given back at once, so that asking
    // never holds up a real execution for longer than the question takes.
    Decision decision = new BoundedCheck(deadline).decide(backend, request);
    boolean probed = decision.lease() != Lease.NONE;
    decision.lease().close();
    return new CheckReport(backend.name(), request.team(), request.jobName(), attemptId, synthetic, probed,
        decision.verdict(), decision.reason(), decision.holders(), decision.notNamed(), checkedAt);
  }

  private static List<ConfigKey> declaredKeys(BackendProviders backends) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    new ExecutionSkipKeys(backends).declare(builder);
    return builder.keys();
  }

  private static String describe(Throwable e) {
    // The errors of this project (a bad setting, a backend's failure, the deadline) are written to
    // be read as they are; anything else, such as a driver's, is named by its type as well.
    String message = e.getMessage();
    boolean ours = e.getClass().getPackageName().startsWith("dev.vdk.");
    return ours && message != null ? message : String.valueOf(e);
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
        declaredKeys(backends).stream()
            .filter(ConfigKey::sensitive)
            .flatMap(key -> ConfigurationLoader.rawValue(key.name(), Map.of(), environment).stream())
            .toList());
  }

  static String help(BackendProviders backends) {
    List<ConfigKey> keys = declaredKeys(backends).stream().filter(key -> !NOT_READ.contains(key.name())).toList();
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
                            executions (each with id, status, start_time and started_by: who
                            started it or where it runs; null where unknown; a long list only in
                            part) and executions_not_shown
          --help, -h        print this help
          Options also take their value after '=', as in --team=TEAM. A value is never read as
          an option: write --job=-x for a value that starts with '-'.

        Exit codes:
          0   an execution starting now would run
          10  it would be skipped
          2   could not check: bad arguments, bad configuration, the backend could not be
              reached or did not answer in time, or the command itself failed; one line on
              stderr says what is wrong, and nothing is printed on stdout

        Backends (EXECUTION_SKIP_CHECKER_BACKEND): the command asks the selected backend as a
        job's check would, and lists the executions it names, with what it knows of them.
          - A backend that only reads (control-service lists the job's submitted and running
            executions) is asked whatever LOG_CONFIG says, since an operator asks explicitly (a
            job asks the control-service only when LOG_CONFIG is CLOUD).
          - A backend that holds a lock (local, postgres, postgres-lease) can only be asked by
            taking it, in a momentary probe: the command takes the job's lock and releases it at
            once (using up a fencing token, which only ever grows). An execution that starts in
            that same moment finds the lock taken and is skipped. The holder is named by the id it
            recorded, and the reason says what else is known (pid and start time, the database
            session, or the lease's attempt and expiry).

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

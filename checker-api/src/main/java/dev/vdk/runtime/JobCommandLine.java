package dev.vdk.runtime;

import dev.vdk.api.ConfigurationException;
import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.OneLine;
import dev.vdk.api.Redactor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * The command line of a job's jar: {@code run} (the default) runs the job and exits with its exit
 * code; {@code config-help} prints every declared key with its default, its value in effect (never
 * a secret's), the plugin that declared it and its description; {@code
 * hooks} prints each hook's implementations in the order a run calls them.
 */
public final class JobCommandLine {
  private static final String USAGE =
      "Usage: java -jar <job>.jar [run | config-help | hooks | --help]\n"
          + "  run          run the job (the default); configure it with VDK_<KEY> environment variables\n"
          + "  config-help  list every configuration key: its default, its value in effect, the plugin that declared it\n"
          + "  hooks        list each hook's implementations in the order a run calls them\n";

  private JobCommandLine() {}

  /** Runs the command in {@code args} for {@code job}; call it from the job's {@code main}. */
  public static void main(DataJob job, String[] args) {
    // One line per log record, stamped in UTC, unless the user configured logging themselves.
    if (System.getProperty("java.util.logging.config.file") == null
        && System.getProperty("java.util.logging.config.class") == null
        && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      for (Handler handler : Logger.getLogger("").getHandlers()) {
        handler.setFormatter(new UtcLogFormatter());
      }
    }
    // A run ends the process itself, through ProcessExit.SYSTEM; other commands end here.
    System.exit(execute(job, args, DataJobRuntime.builder(), System.out, System.err));
  }

  /**
   * Runs a command; returns the exit code for commands that do not end the process themselves. A
   * command that fails says so in one line on {@code err}, with the exit code a run would have:
   * 1 for a User error (a bad setting), 3 for a Platform error (a plugin that cannot be loaded or
   * fails); a command line that is not understood is 2.
   */
  public static int execute(
      DataJob job, String[] args, DataJobRuntime.Builder runtime, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "run" : args[0].toLowerCase(Locale.ROOT);
    switch (command) {
      case "run":
        return runtime.build().run(job).exitCode();
      case "config-help":
        return report(command, err, () -> out.print(ConfigHelp.render(runtime.build().configuration(job))));
      case "hooks":
        return report(command, err, () -> runtime.build().hookOrder().forEach(out::println));
      case "--help":
      case "-h":
      case "help":
        out.print(USAGE);
        return 0;
      default:
        err.print("Unknown command '" + OneLine.escape(args[0]) + "'.\n" + USAGE);
        return 2;
    }
  }

  // The same statuses as a run, so that a script can tell a bad setting from a broken plugin.
  private static int report(String command, PrintStream err, Runnable body) {
    ExecutionResult failure;
    try {
      body.run();
      return 0;
    } catch (ConfigurationException e) {
      failure = ExecutionResult.userError(e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      failure = ExecutionResult.platformError(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
    err.println(OneLine.escape(Redactor.withoutSecrets().redact(
        command + " failed with a " + failure.status().text() + " (exit code " + failure.exitCode() + "): "
            + failure.message())));
    return failure.exitCode();
  }
}

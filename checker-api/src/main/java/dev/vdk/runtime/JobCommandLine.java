package dev.vdk.runtime;

import dev.vdk.api.DataJob;
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
    System.exit(execute(job, args, DataJobRuntime.builder(), System.out));
  }

  /** Runs a command; returns the exit code for commands that do not end the process themselves. */
  public static int execute(DataJob job, String[] args, DataJobRuntime.Builder runtime, PrintStream out) {
    String command = args.length == 0 ? "run" : args[0].toLowerCase(Locale.ROOT);
    switch (command) {
      case "run":
        return runtime.build().run(job).exitCode();
      case "config-help":
        out.print(ConfigHelp.render(runtime.build().configuration(job)));
        return 0;
      case "hooks":
        runtime.build().hookOrder().forEach(out::println);
        return 0;
      case "--help":
      case "-h":
      case "help":
        out.print(USAGE);
        return 0;
      default:
        out.print("Unknown command '" + args[0] + "'.\n" + USAGE);
        return 2;
    }
  }
}

package dev.vdk.executionskip.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code check}, parsed by hand: four options do not justify a dependency in
 * a jar that is dropped onto every job's classpath. Options take their value as the next argument
 * or after {@code =} ({@code --team=T}). A value is never read as a flag: {@code --job -h} is an
 * error, not a request for help, since a script would read the help's exit code 0 as "would run".
 * A value that starts with {@code -} can be given after {@code =}.
 *
 * @param help {@code --help} was given; nothing else is required then
 * @param attemptId empty when the command is to use a synthetic attempt id
 */
record CheckArguments(boolean help, String team, String job, Optional<String> attemptId, boolean json) {

  static final String COMMAND = "check";
  private static final List<String> VALUED = List.of("--team", "--job", "--attempt-id");
  private static final List<String> HELP = List.of("--help", "-h");

  static CheckArguments parse(String... args) throws UsageException {
    if (asksForHelp(args)) {
      return new CheckArguments(true, null, null, Optional.empty(), false);
    }
    if (args.length == 0) {
      throw new UsageException("no command given; the command is '" + COMMAND + "'.");
    }
    if (!args[0].equals(COMMAND)) {
      throw new UsageException("unknown command '" + args[0] + "'; the command is '" + COMMAND + "'.");
    }
    Map<String, String> values = new HashMap<>();
    boolean json = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (name.equals("--json") && eq < 0) {
        json = true;
      } else if (VALUED.contains(name)) {
        String value;
        if (eq > 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.length && args[i + 1].startsWith("-")) {
          throw new UsageException(
              name + " needs a value, not the option '" + args[i + 1] + "'; write " + name + "=VALUE for a"
                  + " value that starts with '-'.");
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new UsageException(name + " needs a value.");
        }
        if (value.isBlank()) {
          throw new UsageException(name + " needs a non-empty value.");
        }
        if (values.putIfAbsent(name, value) != null) {
          throw new UsageException(name + " is given more than once.");
        }
      } else {
        throw new UsageException("unknown argument '" + arg + "'.");
      }
    }
    for (String required : List.of("--team", "--job")) {
      if (!values.containsKey(required)) {
        throw new UsageException(required + " is required.");
      }
    }
    return new CheckArguments(
        false, values.get("--team"), values.get("--job"), Optional.ofNullable(values.get("--attempt-id")), json);
  }

  /** {@code help} as the command, or a help flag where an option stands; never an option's value. */
  private static boolean asksForHelp(String... args) {
    if (args.length > 0 && args[0].equals("help")) {
      return true;
    }
    for (int i = 0; i < args.length; i++) {
      if (HELP.contains(args[i])) {
        return true;
      }
      if (VALUED.contains(args[i])) {
        i++;
      }
    }
    return false;
  }
}

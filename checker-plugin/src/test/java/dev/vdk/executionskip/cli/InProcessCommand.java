package dev.vdk.executionskip.cli;

import dev.vdk.executionskip.BackendProviders;
import dev.vdk.executionskip.FakeTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs {@link CheckCommand} in this JVM with the real backends, a given environment and a clock
 * whose waits are recorded instead of spent, and captures what it prints.
 */
final class InProcessCommand {
  final FakeTime time = new FakeTime();

  /** What one run of the command did. */
  record Result(int exitCode, String out, String err) {}

  Result run(Map<String, String> environment, String... args) {
    return run(BackendProviders.discover(), environment, args);
  }

  /** Runs the command with the given backends instead of the real ones. */
  Result run(BackendProviders backends, Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exitCode =
          new CheckCommand(environment, outStream, errStream, time, time, backends).run(args);
    }
    return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

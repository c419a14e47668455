package dev.vdk.executionskip.backend;

import dev.vdk.executionskip.local.LocalFileLockBackend;
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockBackend;
import dev.vdk.executionskip.postgres.PostgresConnectionSettings;
import dev.vdk.executionskip.postgreslease.PostgresLeaseBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One execution in its own process, driven line by line over stdin/stdout by {@link
 * WorkerProcess}: it prints {@code ready}, then answers {@code try} with {@code RUN <reason>} or
 * {@code SKIP <reason>} and {@code release} with {@code released}, and ends at end of input.
 *
 * <p>Arguments: {@code <name> <team> <job> local <lockDir>}, {@code <name> <team> <job> postgres
 * <jdbcUrl> <user>} or {@code <name> <team> <job> postgres-lease <jdbcUrl> <user> <table>
 * <ttlMillis>}; the PostgreSQL password comes in the environment variable {@link
 * #PASSWORD_ENV}, so that it is not on a command line. Logging goes to stderr, so stdout carries
 * only the protocol.
 */
public final class BackendWorker {
  public static final String PASSWORD_ENV = "WORKER_PG_PASSWORD";

  private BackendWorker() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    ExecutionBackend backend = switch (args[3]) {
      case "local" -> new LocalFileLockBackend(Path.of(args[4]));
      case "postgres" -> new PostgresAdvisoryLockBackend(
          new PostgresConnectionSettings(args[4], args[5], System.getenv(PASSWORD_ENV)));
      case "postgres-lease" -> new PostgresLeaseBackend(
          new PostgresConnectionSettings(args[4], args[5], System.getenv(PASSWORD_ENV)), args[6],
          Duration.ofMillis(Long.parseLong(args[7])), Duration.ofSeconds(30));
      default -> throw new IllegalArgumentException("unknown backend " + args[3]);
    };
    long pid = ProcessHandle.current().pid();
    ExecutionRequest request =
        new ExecutionRequest(args[1], args[2], name, name + "-" + pid);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Lease lease = Lease.NONE;
    out.println("ready");
    for (String command = in.readLine(); command != null; command = in.readLine()) {
      switch (command) {
        case "try" -> {
          Decision decision = backend.tryAcquire(request);
          lease = decision.lease();
          out.println(decision.verdict() + " " + decision.reason());
        }
        case "release" -> {
          lease.close();
          lease = Lease.NONE;
          out.println("released");
        }
        default -> throw new IllegalArgumentException("unknown command " + command);
      }
    }
    lease.close();
  }
}

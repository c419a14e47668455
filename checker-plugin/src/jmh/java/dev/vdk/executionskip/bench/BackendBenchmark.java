package dev.vdk.executionskip.bench;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import dev.vdk.executionskip.postgres.PostgresAdvisoryLockBackend;
import dev.vdk.executionskip.postgres.PostgresConnectionSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goal 4: one acquire and release, as a run does it (the lease is closed right away), of the
 * {@code local} and {@code postgres} backends. Neither is a mock: {@code local} locks, writes and
 * forces a file in a temp folder on this machine's disk; {@code postgres} opens a new connection
 * (by design: the session holds the lock for the whole run) to an embedded PostgreSQL on
 * loopback, locks, unlocks and closes it.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BackendBenchmark {
  static final ExecutionRequest REQUEST =
      new ExecutionRequest(
          "data-demo",
          "example-incremental-etl",
          "example-incremental-etl-1795830000",
          "example-incremental-etl-1795830000-bench");

  /** A lock folder of its own, removed afterwards. */
  @State(Scope.Benchmark)
  public static class Local {
    Path lockDirectory;
    ExecutionBackend backend;

    @Setup(Level.Trial)
    public void start() throws IOException {
      lockDirectory = Files.createTempDirectory("vdk-bench-locks");
      backend = new LocalFileLockBackend(lockDirectory);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      try (Stream<Path> files = Files.walk(lockDirectory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  /** A real PostgreSQL server on loopback for the whole trial (as root: see TestPostgres). */
  @State(Scope.Benchmark)
  public static class Postgres {
    EmbeddedPostgres server;
    ExecutionBackend backend;

    @Setup(Level.Trial)
    public void start() throws IOException {
      server = EmbeddedPostgres.builder().start();
      backend =
          new PostgresAdvisoryLockBackend(
              new PostgresConnectionSettings(
                  "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres", "postgres", null));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      server.close();
    }
  }

  @Benchmark
  public Verdict local(Local local) throws Exception {
    return acquireAndRelease(local.backend);
  }

  @Benchmark
  public Verdict postgres(Postgres postgres) throws Exception {
    return acquireAndRelease(postgres.backend);
  }

  private static Verdict acquireAndRelease(ExecutionBackend backend) throws Exception {
    Decision decision = backend.tryAcquire(REQUEST);
    decision.lease().close();
    if (!decision.runs()) {
      // The previous release must have freed the lock; a skip here would measure the wrong path.
      throw new IllegalStateException("The lock was still held: " + decision.reason());
    }
    return decision.verdict();
  }
}

package dev.vdk.executionskip.postgreslease;

import dev.vdk.executionskip.backend.BackendWorker;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExclusiveThreadRounds;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.postgres.PostgresConnectionSettings;
import dev.vdk.executionskip.postgres.PostgresConnector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The postgres-lease backend at fleet scale, against an embedded PostgreSQL started with {@code
 * max_connections=20}: a main class, not a JMH benchmark, since what it measures is a fleet's
 * steady state, a race and a takeover rather than one operation in a loop. It prints a Markdown
 * report; see {@code RESULTS.md}, "postgres-lease at scale", for the command and the figures.
 *
 * <ol>
 *   <li>1,000 distinct jobs take their leases (16 at a time) and hold them through more than one
 *       renewal round; the server's client connections are sampled meanwhile;
 *   <li>the same three statements one at a time, with no other traffic;
 *   <li>8 executions of one job start together, 50 rounds;
 *   <li>a holder process is killed (SIGKILL) and the next acquisition is timed, 3 times.
 * </ol>
 */
public final class LeaseScaleBenchmark {
  private static final int JOBS = 1_000;
  private static final int STARTING_TOGETHER = 16;
  private static final Duration FLEET_TTL = Duration.ofSeconds(30);
  private static final Duration HOLD = Duration.ofSeconds(25);
  private static final Duration KILL_TTL = Duration.ofSeconds(10);
  private static final int KILLS = 3;
  private static final String ROLE = "bench_jobs";

  private LeaseScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "20").start()) {
      // The jobs log in as an ordinary role, so the 3 slots reserved for superusers stay out of
      // their reach, as they would on a real server; the benchmark looks on as a superuser.
      try (Connection admin = superuser(postgres); Statement statement = admin.createStatement()) {
        statement.execute("CREATE ROLE " + ROLE + " LOGIN");
        statement.execute("GRANT CREATE ON SCHEMA public TO " + ROLE);
      }
      System.out.println("## postgres-lease at scale (embedded PostgreSQL, max_connections=20)\n");
      fleet(postgres);
      oneAtATime(postgres);
      race(postgres);
      killedHolders(postgres);
    }
  }

  private static String jdbcUrl(EmbeddedPostgres postgres) {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  private static PostgresConnectionSettings settings(EmbeddedPostgres postgres) {
    return new PostgresConnectionSettings(jdbcUrl(postgres), ROLE, null);
  }

  private static Connection superuser(EmbeddedPostgres postgres) throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  private static PostgresLeaseBackend backend(EmbeddedPostgres postgres, String table, Duration ttl) {
    return new PostgresLeaseBackend(
        LeaseConnections.direct(settings(postgres), ttl, Clock.systemUTC(), Sleeper.SYSTEM),
        LeaseTable.named(table), ttl, Duration.ofSeconds(30));
  }

  private static void fleet(EmbeddedPostgres postgres) throws Exception {
    String table = "fleet_leases";
    PostgresLeaseBackend backend = backend(postgres, table, FLEET_TTL);
    LeaseConnections connections =
        new LeaseConnections(PostgresConnector.direct(settings(postgres)), Clock.systemUTC(), Sleeper.SYSTEM,
            RandomGenerator.getDefault());
    backend.tryAcquire(new ExecutionRequest("bench", "warm-up", "w", "w-a")).lease().close();

    AtomicInteger losses = new AtomicInteger();
    long[] acquire = new long[JOBS];
    Lease[] leases = new Lease[JOBS];
    int[] runs = new int[1];
    ExecutorService starters = Executors.newFixedThreadPool(STARTING_TOGETHER);
    long fleetStart = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      int job = i;
      done.add(starters.submit(() -> {
        ExecutionRequest request = request(job);
        long start = System.nanoTime();
        Decision decision = backend.tryAcquire(request);
        acquire[job] = System.nanoTime() - start;
        leases[job] = decision.lease();
        decision.lease().watch(what -> losses.incrementAndGet());
        synchronized (runs) {
          runs[0] += decision.runs() ? 1 : 0;
        }
        return null;
      }));
    }
    for (Future<?> future : done) {
      future.get(10, TimeUnit.MINUTES);
    }
    long allHeldAfter = System.nanoTime() - fleetStart;

    // Held through more than two renewal rounds (every 10 s), sampling the server's connections.
    List<Integer> samples = new ArrayList<>();
    long holdEnd = System.nanoTime() + HOLD.toNanos();
    while (System.nanoTime() < holdEnd) {
      samples.add(clientConnections(postgres));
      Thread.sleep(250);
    }
    int live = liveLeases(postgres, table);

    // One renewal per job, as the heartbeat sends it: a connection of its own, one statement.
    long[] renew = new long[JOBS];
    List<Future<?>> renewed = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      int job = i;
      renewed.add(starters.submit(() -> {
        long start = System.nanoTime();
        try (Connection connection = connections.open(connections.deadlineAfter(Duration.ofSeconds(10)))) {
          LeaseTable.named(table).renew(connection, request(job), leases[job].fencingToken().orElseThrow(),
              FLEET_TTL);
        }
        renew[job] = System.nanoTime() - start;
        return null;
      }));
    }
    for (Future<?> future : renewed) {
      future.get(10, TimeUnit.MINUTES);
    }

    long[] release = new long[JOBS];
    List<Future<?>> released = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      int job = i;
      released.add(starters.submit(() -> {
        long start = System.nanoTime();
        leases[job].close();
        release[job] = System.nanoTime() - start;
        return null;
      }));
    }
    for (Future<?> future : released) {
      future.get(10, TimeUnit.MINUTES);
    }
    starters.shutdown();

    int most = samples.stream().mapToInt(Integer::intValue).max().orElse(0);
    double mean = samples.stream().mapToInt(Integer::intValue).average().orElse(0);
    System.out.printf("### 1. %,d distinct jobs hold leases at once%n%n", JOBS);
    System.out.printf("- guarded: %,d of %,d ran; %,d leases live after %d s of holding (TTL %d s, renewed every"
        + " %d s); %d losses reported%n", runs[0], JOBS, live, HOLD.toSeconds(), FLEET_TTL.toSeconds(),
        LeaseHeartbeat.renewInterval(FLEET_TTL).toSeconds(), losses.get());
    System.out.printf("- all %,d taken %.1f s after the first start, %d starting at a time%n", JOBS,
        allHeldAfter / 1e9, STARTING_TOGETHER);
    System.out.printf("- server client connections while all were held (%d samples, 4 a second, this"
        + " benchmark's own sampling connection included): most %d, mean %.1f%n%n", samples.size(), most, mean);
    System.out.println("| operation | p50 ms | p99 ms | max ms |");
    System.out.println("|---|---:|---:|---:|");
    row("acquire (connect + one statement)", acquire);
    row("renew (connect + one statement)", renew);
    row("release (connect + one statement, heartbeat stopped)", release);
    System.out.println();
  }

  /** Each operation alone, no burst and no heartbeats around: what one start costs. */
  private static void oneAtATime(EmbeddedPostgres postgres) throws Exception {
    int n = 200;
    String table = "quiet_leases";
    PostgresLeaseBackend backend = backend(postgres, table, FLEET_TTL);
    LeaseConnections connections = new LeaseConnections(
        PostgresConnector.direct(settings(postgres)), Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault());
    backend.tryAcquire(new ExecutionRequest("bench", "warm-up", "w", "w-a")).lease().close();
    long[] acquire = new long[n];
    long[] renew = new long[n];
    long[] release = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      Lease lease = backend.tryAcquire(request(i)).lease();
      acquire[i] = System.nanoTime() - start;
      start = System.nanoTime();
      try (Connection connection = connections.open(connections.deadlineAfter(Duration.ofSeconds(10)))) {
        LeaseTable.named(table).renew(connection, request(i), lease.fencingToken().orElseThrow(), FLEET_TTL);
      }
      renew[i] = System.nanoTime() - start;
      start = System.nanoTime();
      lease.close();
      release[i] = System.nanoTime() - start;
    }
    System.out.printf("### 1b. One at a time (%d jobs, one thread, nothing else running)%n%n", n);
    System.out.println("| operation | p50 ms | p99 ms | max ms |");
    System.out.println("|---|---:|---:|---:|");
    row("acquire", acquire);
    row("renew", renew);
    row("release", release);
    System.out.println();
  }

  private static void race(EmbeddedPostgres postgres) throws Exception {
    ExclusiveThreadRounds rounds =
        ExclusiveThreadRounds.run(backend(postgres, "race_leases", FLEET_TTL), 8, 50);
    long exactlyOne = Arrays.stream(rounds.runnersPerRound()).filter(n -> n == 1).count();
    System.out.printf("### 2. 8 simultaneous starts of one job x 50 rounds%n%n- rounds with exactly one holder:"
        + " %d of 50 (runners per round: %s); wins per execution %s%n%n", exactlyOne,
        Arrays.stream(rounds.runnersPerRound()).boxed().distinct().toList(),
        Arrays.toString(rounds.winsPerExecution()));
  }

  private static void killedHolders(EmbeddedPostgres postgres) throws Exception {
    String table = "killed_leases";
    PostgresLeaseBackend backend = backend(postgres, table, KILL_TTL);
    List<Long> takeovers = new ArrayList<>();
    for (int kill = 1; kill <= KILLS; kill++) {
      ExecutionRequest here = new ExecutionRequest("bench", "killed-" + kill, "next", "next-a");
      ProcessBuilder worker = new ProcessBuilder(
          java(), "-Xmx64m", "-cp", System.getProperty("java.class.path"), BackendWorker.class.getName(),
          "holder", here.team(), here.jobName(), "postgres-lease", jdbcUrl(postgres), ROLE, table,
          Long.toString(KILL_TTL.toMillis()))
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      Process holder = worker.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      Writer in = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
      expect(out, "ready");
      in.write("try\n");
      in.flush();
      String answer = out.readLine();
      if (answer == null || !answer.startsWith("RUN ")) {
        throw new IllegalStateException("the holder did not take the lease: " + answer);
      }
      // Held for a while, renewals included, then killed as a crash would.
      Thread.sleep(KILL_TTL.toMillis() / 2);
      holder.destroyForcibly();
      holder.waitFor(1, TimeUnit.MINUTES);
      long killedAt = System.nanoTime();
      Decision next;
      do {
        next = backend.tryAcquire(here);
        if (!next.runs()) {
          Thread.sleep(50);
        }
      } while (!next.runs() && System.nanoTime() - killedAt < TimeUnit.MINUTES.toNanos(2));
      takeovers.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
      next.lease().close();
    }
    System.out.printf("### 3. From a holder's kill to the next acquisition%n%n- TTL %d s (renewed every %d ms),"
        + " killed half a TTL after it took the lease, polled every 50 ms: %s ms (bound: TTL + one renewal"
        + " interval = %d ms)%n", KILL_TTL.toSeconds(), LeaseHeartbeat.renewInterval(KILL_TTL).toMillis(), takeovers,
        KILL_TTL.plus(LeaseHeartbeat.renewInterval(KILL_TTL)).toMillis());
  }

  private static ExecutionRequest request(int job) {
    return new ExecutionRequest("bench", "job-" + job, "e-" + job, "e-" + job + "-a");
  }

  private static void expect(BufferedReader out, String line) throws Exception {
    String read = out.readLine();
    if (!line.equals(read)) {
      throw new IllegalStateException("expected " + line + ", got " + read);
    }
  }

  private static int clientConnections(EmbeddedPostgres postgres) throws SQLException {
    try (Connection admin = superuser(postgres); Statement statement = admin.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
      result.next();
      return result.getInt(1);
    }
  }

  private static int liveLeases(EmbeddedPostgres postgres, String table) throws SQLException {
    try (Connection admin = superuser(postgres); Statement statement = admin.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT count(*) FROM " + table + " WHERE job_name LIKE 'job-%' AND expires_at > clock_timestamp()")) {
      result.next();
      return result.getInt(1);
    }
  }

  private static void row(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf("| %s | %.1f | %.1f | %.1f |%n", name, sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6);
  }

  /** This JVM's {@code java}. */
  private static String java() {
    return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}

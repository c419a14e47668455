package dev.vdk.executionskip.postgres;

import dev.vdk.api.OneLine;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Holder;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code postgres} backend: a PostgreSQL session advisory lock per team and job, for
 * executions on any number of machines that reach one PostgreSQL server.
 *
 * <p>Each execution opens a dedicated connection and calls {@code pg_try_advisory_lock} on the
 * job's {@link AdvisoryLockKey}; the winner keeps the connection, and so the lock, for the whole
 * run, and its {@link AdvisoryLockLease} unlocks and closes it. The server frees a session's
 * advisory locks when the session ends, so a run whose process dies does not block the next one:
 * when the process is killed its socket closes and the server sees it at once. Once the plugin
 * watches the lease, a {@link LockWatchdog} checks every {@link #WATCH_INTERVAL} that the session
 * still holds the lock, so that a run whose session ends learns it while it runs, not at release.
 * A URL that could reach more than one server is refused (see {@link SingleServerUrl}).
 *
 * <p>The holder then takes its fencing token from a {@link FencingSequence}, on the same session.
 *
 * <p>The holder also sets {@code application_name} to a {@link SessionTag} with its ids; a skipped
 * execution looks the holder up in {@code pg_locks} joined to {@code pg_stat_activity} (one extra
 * query, only on a skip) and names it in its reason.
 *
 * <h2>Operating notes</h2>
 *
 * <ul>
 *   <li><b>A vanished client</b> (network partition, frozen VM, anything but a clean process end)
 *       sends no FIN, so the server keeps the session, and the lock, until TCP notices. The server's
 *       {@code tcp_keepalives_idle}, {@code tcp_keepalives_interval} and {@code
 *       tcp_keepalives_count} bound that to idle + interval &times; count (they can also be set for
 *       this session with {@code options=-c tcp_keepalives_idle=60 -c tcp_keepalives_interval=10 -c
 *       tcp_keepalives_count=3} in the JDBC URL). With the OS defaults (7200 s idle) it is more
 *       than two hours. The driver property {@code tcpKeepAlive=true}, which this backend sets,
 *       makes the client side notice a dead server, so that a run does not believe it holds a lock
 *       that a restarted server has forgotten.
 *   <li><b>Transaction pooling breaks this backend.</b> A session advisory lock belongs to a server
 *       session; PgBouncer in {@code transaction} (or {@code statement}) mode hands the server
 *       session to other clients between transactions, so the lock would outlive or escape its
 *       holder. Connect to PostgreSQL directly, or through a pooler in {@code session} mode.
 *   <li>Advisory lock keys are per database: all executions of a job must use the same database.
 * </ul>
 */
public final class PostgresAdvisoryLockBackend implements ExecutionBackend {
  private static final System.Logger LOG =
      System.getLogger(PostgresAdvisoryLockBackend.class.getName());

  private static final String TRY_LOCK =
      "SELECT set_config('application_name', ?, false), pg_try_advisory_lock(?)";

  private static final String HOLDER =
      "SELECT a.pid, a.application_name, a.backend_start, a.client_addr"
          + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
          + " WHERE " + AdvisoryLockKey.PG_LOCKS_MATCH;

  /** How often a watched lease asks the server whether its session still holds the lock. */
  public static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

  private final PostgresConnector connector;
  private final Duration watchInterval;

  /** A backend that connects with the bundled driver and these settings. */
  public PostgresAdvisoryLockBackend(PostgresConnectionSettings settings) {
    this(PostgresConnector.direct(settings));
  }

  public PostgresAdvisoryLockBackend(PostgresConnector connector) {
    this(connector, WATCH_INTERVAL);
  }

  /** A backend whose watched leases check every {@code watchInterval}; tests make it short. */
  public PostgresAdvisoryLockBackend(PostgresConnector connector, Duration watchInterval) {
    this.connector = Objects.requireNonNull(connector, "connector");
    this.watchInterval = Objects.requireNonNull(watchInterval, "watchInterval");
    if (watchInterval.isNegative() || watchInterval.isZero()) {
      throw new IllegalArgumentException("The watch interval must be positive, but it is " + watchInterval + ".");
    }
  }

  @Override
  public String name() {
    return PostgresAdvisoryLockProvider.NAME;
  }

  @Override
  public Decision tryAcquire(ExecutionRequest request) throws SQLException {
    AdvisoryLockKey key = AdvisoryLockKey.of(request.team(), request.jobName());
    Connection connection = connector.connect();
    boolean handedToLease = false;
    try {
      if (tryLock(connection, key, request)) {
        LOG.log(Level.DEBUG,
            "Execution {0} (attempt {1}) of job {2} of team {3} holds PostgreSQL advisory lock {4}.",
            request.executionId(), request.attemptId(), request.jobName(), request.team(),
            Long.toString(key.value()));
        OptionalLong token = FencingSequence.next(connection, request);
        Decision run = Decision.run(
            "No other execution of job " + request.jobName() + " of team " + request.team()
                + " holds PostgreSQL advisory lock " + key.value() + ", so execution "
                + request.executionId() + " (attempt " + request.attemptId() + ") runs"
                + (token.isPresent() ? " with fencing token " + token.getAsLong() : "") + ".",
            new AdvisoryLockLease(request, key, connection, watchInterval, token));
        handedToLease = true;
        return run;
      }
      return skip(request, key, connection);
    } finally {
      if (!handedToLease) {
        closeQuietly(connection, request);
      }
    }
  }

  private static boolean tryLock(Connection connection, AdvisoryLockKey key, ExecutionRequest request)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(TRY_LOCK)) {
      statement.setString(1,
          new SessionTag(request.executionId(), request.attemptId()).toApplicationName());
      statement.setLong(2, key.value());
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(2);
      }
    }
  }

  private static Decision skip(
      ExecutionRequest request, AdvisoryLockKey key, Connection connection) {
    Optional<SessionTag> tag = Optional.empty();
    Optional<String> since = Optional.empty();
    Optional<String> where = Optional.empty();
    String who;
    try {
      SessionHolder holder = lookUpHolder(connection, key);
      tag = holder.tag();
      since = holder.connectedSince();
      where = holder.session();
      who = holder.describe();
    } catch (SQLException | RuntimeException e) {
      // The lock is held, that is the answer; only the name of its holder is missing. A failure
      // here must never turn the skip into an error, which fail-open would turn into a run.
      LOG.log(Level.DEBUG,
          "Execution {0} (attempt {1}) of job {2} of team {3} could not look up who holds "
              + "PostgreSQL advisory lock {4}.",
          request.executionId(), request.attemptId(), request.jobName(), request.team(),
          Long.toString(key.value()), e);
      who = "another session, which could not be identified";
    }
    LOG.log(Level.DEBUG,
        "Execution {0} (attempt {1}) of job {2} of team {3} is skipped: PostgreSQL advisory lock "
            + "{4} is held by {5}.",
        request.executionId(), request.attemptId(), request.jobName(), request.team(),
        Long.toString(key.value()), who);
    return Decision.skip(
        "Job " + request.jobName() + " of team " + request.team() + " is already running: "
            + "PostgreSQL advisory lock " + key.value() + " is held by " + who + ".",
        new Holder(
            tag.map(SessionTag::executionId), Optional.of(Holder.RUNNING), since, where));
  }

  /**
   * Best effort, and every column may be NULL: for a session of another role, unless this role
   * has pg_read_all_stats, the server shows pid and application_name but hides backend_start,
   * client_addr and the rest.
   */
  private static SessionHolder lookUpHolder(Connection connection, AdvisoryLockKey key)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(HOLDER)) {
      statement.setLong(1, key.classId());
      statement.setLong(2, key.objId());
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          return new SessionHolder(Optional.empty(), Optional.empty(), Optional.empty(),
              "a session that released it a moment ago (a retry may run)");
        }
        String applicationName = result.getString("application_name");
        Object pid = result.getObject("pid");
        Timestamp backendStart = result.getTimestamp("backend_start");
        String clientAddress = result.getString("client_addr");
        Optional<SessionTag> tag = SessionTag.fromApplicationName(applicationName);

        List<String> details = new ArrayList<>();
        if (pid != null) {
          details.add("server pid " + pid);
        }
        if (backendStart != null) {
          details.add("connected since " + backendStart.toInstant());
        }
        if (clientAddress != null) {
          details.add("from " + clientAddress);
        }
        String session = String.join(", ", details);
        if (backendStart == null) {
          session += (session.isEmpty() ? "" : "; ")
              + "the server hides the rest, as it does for a session of another database role";
        }
        String name = tag.map(SessionTag::describe)
            .orElse(applicationName == null
                ? "a session that could not be identified"
                : "session \"" + OneLine.escape(applicationName) + "\"");
        return new SessionHolder(
            tag,
            Optional.ofNullable(backendStart).map(start -> start.toInstant().toString()),
            Optional.ofNullable(pid).map(p -> "PostgreSQL session of server pid " + p
                + (clientAddress == null ? "" : " from " + clientAddress)),
            name + " (" + session + ")");
      }
    }
  }

  private static void closeQuietly(Connection connection, ExecutionRequest request) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.DEBUG,
          "Execution {0} (attempt {1}) of job {2} of team {3} could not close a PostgreSQL "
              + "connection it no longer needs.",
          request.executionId(), request.attemptId(), request.jobName(), request.team(), e);
    }
  }

  /**
   * Who holds a lock, as far as the server tells. The holding session is opened when its execution
   * checks, so its start is when that execution started, to within a connection's set-up.
   */
  private record SessionHolder(
      Optional<SessionTag> tag, Optional<String> connectedSince, Optional<String> session, String describe) {}
}

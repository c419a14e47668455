package dev.vdk.executionskip.postgreslease;

import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.postgres.PostgresConnectionSettings;
import dev.vdk.executionskip.postgres.PostgresConnector;
import dev.vdk.executionskip.postgres.SqlFailures;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Opens a connection for one statement, and when the server turns it away because it is full
 * ({@code too many clients}, SQLSTATE 53300), starting or stopping (57P03), or cannot be reached
 * for a moment (class 08), tries again with a backoff until a deadline: a burst of starts larger
 * than the server's free connections waits its turn rather than failing. Only opening is retried,
 * never a statement, whose effect would be unknown.
 *
 * <p>The backoff doubles from {@link #FIRST_PAUSE} up to {@link #LONGEST_PAUSE}, each pause cut by
 * a random part of up to a half, so that starts turned away together do not come back together.
 */
final class LeaseConnections {
  static final Duration FIRST_PAUSE = Duration.ofMillis(20);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
  /** What a full, starting or unreachable server answers when a connection is opened. */
  static final Set<String> RETRIED_STATES = Set.of("53300", "57P03", "08001", "08004", "08006");

  private static final System.Logger LOG = System.getLogger(LeaseConnections.class.getName());

  private final PostgresConnector connector;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  LeaseConnections(PostgresConnector connector, Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.connector = connector;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /**
   * Connections with the bundled driver. Each statement's wait for the server, and opening a
   * connection, are bounded by a third of the lease (at least 1 s, pgjdbc's unit), so that a
   * renewal that hangs ends before the lease could expire behind it.
   */
  static LeaseConnections direct(PostgresConnectionSettings settings, Duration ttl, Clock clock, Sleeper sleeper) {
    Duration third = ttl.dividedBy(3);
    PostgresConnectionSettings bounded = new PostgresConnectionSettings(
        settings.jdbcUrl(), settings.user(), settings.password(),
        clamp(third, settings.connectTimeout()), clamp(third, settings.socketTimeout()));
    return new LeaseConnections(PostgresConnector.direct(bounded), clock, sleeper, RandomGenerator.getDefault());
  }

  /** The deadline that is {@code duration} from now. */
  Instant deadlineAfter(Duration duration) {
    return clock.instant().plus(duration);
  }

  /**
   * A new connection, which the caller closes.
   *
   * @throws SQLException the server's last refusal, when the deadline comes first, or at once any
   *     failure that another try would not change (a wrong password, say)
   */
  Connection open(Instant deadline) throws SQLException, InterruptedException {
    Duration pause = FIRST_PAUSE;
    int refusals = 0;
    Instant firstRefusal = null;
    while (true) {
      try {
        Connection connection = connector.connect();
        if (refusals > 0) {
          LOG.log(Level.DEBUG, "A PostgreSQL connection opened after {0} refusals ({1} ms).",
              refusals, Duration.between(firstRefusal, clock.instant()).toMillis());
        }
        return connection;
      } catch (SQLException e) {
        if (!RETRIED_STATES.contains(e.getSQLState())) {
          throw e;
        }
        Instant now = clock.instant();
        if (firstRefusal == null) {
          firstRefusal = now;
        }
        refusals++;
        Duration nap = pause.minus(Duration.ofNanos((long) (random.nextDouble() * pause.toNanos() / 2)));
        if (now.plus(nap).isAfter(deadline)) {
          throw new SQLException(
              "The PostgreSQL server took no connection before the deadline: " + refusals + " tries in "
                  + Duration.between(firstRefusal, now).toMillis() + " ms, the last refused with "
                  + SqlFailures.describe(e) + ".",
              e.getSQLState(), e);
        }
        LOG.log(Level.DEBUG, "The PostgreSQL server turned a connection away ({0}); trying again in {1} ms.",
            SqlFailures.describe(e), nap.toMillis());
        sleeper.sleep(nap);
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
      }
    }
  }

  private static Duration clamp(Duration third, Duration most) {
    Duration atLeastOneSecond = third.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : third;
    return atLeastOneSecond.compareTo(most) < 0 ? atLeastOneSecond : most;
  }
}

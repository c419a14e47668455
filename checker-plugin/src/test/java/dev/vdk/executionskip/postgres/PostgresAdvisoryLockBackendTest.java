package dev.vdk.executionskip.postgres;

import dev.vdk.testing.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.LockBackendContract;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAdvisoryLockBackendTest implements LockBackendContract {

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  /** Every connection the backend opened, to check that none is left open. */
  private final List<Connection> opened = new CopyOnWriteArrayList<>();

  @Override
  public PostgresAdvisoryLockBackend backend() {
    PostgresConnector direct = PostgresConnector.direct(postgres.settings());
    return new PostgresAdvisoryLockBackend(() -> {
      Connection connection = direct.connect();
      opened.add(connection);
      return connection;
    });
  }

  @Test
  void keyOfAFixedJobNeverChanges() {
    // Computed independently: python3, first 8 bytes of sha256 of the JobDigest encoding, signed.
    AdvisoryLockKey key = AdvisoryLockKey.of("supercollider", "mzhivkov-test-job3");

    assertThat(key.value()).isEqualTo(8715316594506057730L);
    assertThat(key.classId()).isEqualTo(0x78f30644L);
    assertThat(key.objId()).isEqualTo(0x5899c802L);
  }

  @Test
  void pgLocksShowsTheKeySplitAsDocumented() throws Exception {
    // A key with the sign bit set, so an unsigned-vs-signed mistake in either half would show.
    ExecutionRequest request = new ExecutionRequest("team", "job-0", "e", "e-x");
    AdvisoryLockKey key = AdvisoryLockKey.of(request.team(), request.jobName());
    assertThat(key.value()).isNegative();

    try (var lease = backend().tryAcquire(request).lease();
        Connection admin = postgres.superuser();
        PreparedStatement query = admin.prepareStatement(
            "SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks"
                + " WHERE locktype = 'advisory' AND objsubid = 1 AND granted");
        ResultSet result = query.executeQuery()) {
      assertThat(result.next()).isTrue();
      assertThat(result.getLong(1)).isEqualTo(key.value());
    }
  }

  @Test
  void theSkipReasonNamesTheHoldingSession() throws Exception {
    PostgresAdvisoryLockBackend backend = backend();
    Decision first = backend.tryAcquire(FIRST);
    try (var lease = first.lease()) {
      Decision second = backend.tryAcquire(SECOND);

      assertThat(second.reason())
          .startsWith("Job job of team team is already running: PostgreSQL advisory lock "
              + AdvisoryLockKey.of("team", "job").value() + " is held by attempt exec-1-aaaaa of "
              + "execution exec-1 (server pid ")
          .contains(", connected since ", " from 127.0.0.1");
    }
  }

  @Test
  void aLockHeldByAnotherRolesSessionSkipsEitherWayRound() throws Exception {
    var own = new PostgresAdvisoryLockBackend(postgres.settings());
    var other = new PostgresAdvisoryLockBackend(
        postgres.settingsForNewRole("vdk_other_job", "Pw-other-role-7d2e"));

    for (var roles : List.of(List.of(own, other), List.of(other, own))) {
      try (var lease = roles.get(0).tryAcquire(FIRST).lease()) {
        // The server hides backend_start and client_addr of another role's session (NULL).
        Decision second = roles.get(1).tryAcquire(SECOND);

        assertThat(second.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(second.reason())
            .startsWith("Job job of team team is already running: PostgreSQL advisory lock "
                + AdvisoryLockKey.of("team", "job").value() + " is held by attempt exec-1-aaaaa of "
                + "execution exec-1 (server pid ")
            .contains("another database role");
        assertThat(second.conflictingExecutionId()).contains("exec-1");
      }
    }
  }

  @Test
  void aHolderLookupThatThrowsStillSkips() throws Exception {
    PostgresConnector direct = PostgresConnector.direct(postgres.settings());
    // Any failure of the lookup, checked or not, stands for "the server would not say".
    var brokenLookup = new PostgresAdvisoryLockBackend(() -> {
      Connection connection = direct.connect();
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
            if (method.getName().equals("prepareStatement")
                && ((String) arguments[0]).contains("pg_stat_activity")) {
              throw new IllegalStateException("holder lookup broken on purpose");
            }
            try {
              return method.invoke(connection, arguments);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    });

    try (var lease = backend().tryAcquire(FIRST).lease()) {
      Decision second = brokenLookup.tryAcquire(SECOND);

      assertThat(second.verdict()).isEqualTo(Verdict.SKIP);
      assertThat(second.reason())
          .endsWith(" is held by another session, which could not be identified.");
      assertThat(second.conflictingExecutionId()).isEmpty();
    }
  }

  @Test
  void onlyThePluginsRelocatedDriverIsWithdrawnFromDriverManager() throws Exception {
    assertThat(BundledDriver.isPluginsOwnCopy("dev.vdk.executionskip.shaded.postgresql.Driver")).isTrue();
    assertThat(BundledDriver.isPluginsOwnCopy("org.postgresql.Driver")).isFalse();
  }

  @Test
  void anUnrelocatedDriverKeepsTheJobsDriverManagerRegistration() throws Exception {
    // Unrelocated here, so the class is also what a job would use through DriverManager.
    boolean registeredBefore = org.postgresql.Driver.isRegistered();
    try (Connection connection = PostgresConnector.direct(postgres.settings()).connect()) {
      assertThat(connection.isValid(1)).isTrue();
    }

    assertThat(org.postgresql.Driver.isRegistered()).isEqualTo(registeredBefore);
  }

  @Test
  void onlyTheHoldersConnectionStaysOpenAndReleaseClosesIt() throws Exception {
    PostgresAdvisoryLockBackend backend = backend();
    Decision first = backend.tryAcquire(FIRST);
    backend.tryAcquire(SECOND);

    assertThat(opened).hasSize(2);
    assertThat(opened.get(0).isClosed()).as("the holder's connection").isFalse();
    assertThat(opened.get(1).isClosed()).as("the skipped execution's connection").isTrue();
    first.lease().close();
    assertThat(opened.get(0).isClosed()).as("the holder's connection after release").isTrue();
  }




  @Test
  void anUnreachableServerIsAnErrorNotAnAnswer() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var backend = new PostgresAdvisoryLockBackend(new PostgresConnectionSettings(
        "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres", "u", "p"));

    assertThatThrownBy(() -> backend.tryAcquire(FIRST)).isInstanceOf(SQLException.class);
  }

  @Test
  void thePasswordAppearsInNoLogLineMessageOrDescription() throws Exception {
    var wrongPassword = new PostgresConnectionSettings(
        postgres.jdbcUrl(), TestPostgres.USER, TestPostgres.PASSWORD + "-wrong");
    var passwordInUrl = new PostgresConnectionSettings(
        postgres.jdbcUrl() + "?user=" + TestPostgres.USER + "&password=" + TestPostgres.PASSWORD
            + "&ssl=false", null, null);
    Throwable refused;
    Throwable badUrl;
    List<String> logLines;
    try (LogCapture logs = LogCapture.start()) {
      PostgresAdvisoryLockBackend backend = backend();
      Decision first = backend.tryAcquire(FIRST);
      backend.tryAcquire(SECOND);
      first.lease().close();
      new PostgresAdvisoryLockBackend(passwordInUrl).tryAcquire(FIRST).lease().close();
      refused = catchThrowable(() -> new PostgresAdvisoryLockBackend(wrongPassword).tryAcquire(FIRST));
      badUrl = catchThrowable(() -> new PostgresConnectionSettings(
          "jdbc:mysql://h/db?password=" + TestPostgres.PASSWORD, null, null));
      logLines = logs.lines();
    }

    assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(TestPostgres.PASSWORD));
    assertThat(refused).isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
    assertThat(badUrl).isInstanceOf(IllegalArgumentException.class);
    for (Throwable thrown : List.of(refused, badUrl)) {
      assertThat(stackTraceOf(thrown)).doesNotContain(TestPostgres.PASSWORD);
    }
    assertThat(postgres.settings().toString()).doesNotContain(TestPostgres.PASSWORD);
    assertThat(passwordInUrl.toString()).doesNotContain(TestPostgres.PASSWORD)
        .endsWith("/postgres?****, user=null, password=none, connectTimeout=PT10S, socketTimeout=PT30S]");
    assertThat(passwordInUrl.redactedUrl()).doesNotContain(TestPostgres.PASSWORD);
  }

  private static String stackTraceOf(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}

package dev.vdk.executionskip.postgreslease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.backend.Verdict;
import dev.vdk.executionskip.postgres.PostgresConnector;
import dev.vdk.executionskip.postgres.TestPostgres;
import dev.vdk.executionskip.postgreslease.RecordingConnector.Session;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acquire, renew and release are each one statement, in a READ COMMITTED transaction, on a
 * connection of its own, judged by the server's clock: no statement carries a time from the client.
 */
class LeaseStatementsTest {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final long BOUND_SECONDS = 60;

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private final RecordingConnector connector =
      new RecordingConnector(PostgresConnector.direct(postgres.settings()));

  @Test
  void eachOperationIsOneReadCommittedStatementOnItsOwnConnectionWithTheDatabasesClock() throws Exception {
    LeaseTable table = LeaseTable.named(TestLeases.freshTable());
    ExecutionRequest request = new ExecutionRequest("team", "job", "e-1", "e-1-a");
    PostgresLeaseBackend backend =
        TestLeases.backend(connector, table.name(), TTL, TestLeases.DEADLINE, Sleeper.SYSTEM);
    // The table exists beforehand, so that the acquisition is not also its creation.
    backend.tryAcquire(new ExecutionRequest("team", "other", "x", "x-a")).lease().close();
    connector.sessions().clear();

    Decision decision = backend.tryAcquire(request);
    Session acquire = next();
    // Renewed three times: the lease is held past its first time to live, connection by connection.
    Session renew = next();
    next();
    next();
    assertThat(backend.tryAcquire(new ExecutionRequest("team", "job", "e-2", "e-2-a")).verdict())
        .as("held past its time to live")
        .isEqualTo(Verdict.SKIP);
    connector.sessions().clear();
    decision.lease().close();
    Session release = connector.sessions().stream()
        .filter(session -> session.sql().equals(java.util.List.of(LeaseTable.READ_COMMITTED, table.releaseStatement())))
        .findFirst()
        .orElseThrow();

    assertThat(acquire.sql()).containsExactly(LeaseTable.READ_COMMITTED, table.acquireStatement());
    assertThat(renew.sql()).containsExactly(LeaseTable.READ_COMMITTED, table.renewStatement());
    assertThat(release.sql()).containsExactly(LeaseTable.READ_COMMITTED, table.releaseStatement());
    for (Session session : new Session[] {acquire, renew, release}) {
      assertThat(session.sql().get(1)).contains("clock_timestamp()").doesNotContain("now()");
      assertThat(session.setters()).as("parameters of %s", session.sql()).containsOnly("setString", "setLong");
    }
  }

  private Session next() throws InterruptedException {
    Session session = connector.sessions().poll(BOUND_SECONDS, TimeUnit.SECONDS);
    assertThat(session).as("a statement within %d s", BOUND_SECONDS).isNotNull();
    return session;
  }
}

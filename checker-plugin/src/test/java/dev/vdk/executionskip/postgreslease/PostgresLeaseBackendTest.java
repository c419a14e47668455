package dev.vdk.executionskip.postgreslease;

import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.LockBackendContract;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The postgres-lease backend keeps the promises of every locking backend. */
class PostgresLeaseBackendTest implements LockBackendContract {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @Override
  public ExecutionBackend backend() {
    return TestLeases.backend(postgres, TestLeases.freshTable(), Duration.ofSeconds(30));
  }
}

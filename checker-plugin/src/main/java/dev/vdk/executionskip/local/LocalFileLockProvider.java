package dev.vdk.executionskip.local;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.executionskip.backend.ExecutionBackend;

/** The {@code local} backend's name, key and construction: see {@link LocalFileLockBackend}. */
public final class LocalFileLockProvider implements BackendProvider {
  /** The name users select this backend by. */
  public static final String NAME = "local";

  public static final String EXECUTION_SKIP_LOCAL_LOCK_DIR = "EXECUTION_SKIP_LOCAL_LOCK_DIR";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "an OS file lock on this machine";
  }

  @Override
  public void declare(ConfigurationBuilder builder) {
    builder.add(
        EXECUTION_SKIP_LOCAL_LOCK_DIR,
        LocalFileLockBackend.defaultLockDirectory(),
        "local backend: folder of the lock files, private to the user that runs the job unless"
            + " shared on purpose with a group (setgid, mode 2770); a relative path is resolved"
            + " against the working directory.");
  }

  @Override
  public ExecutionBackend create(Configuration configuration, BackendContext context) {
    return new LocalFileLockBackend(
        configuration.find(EXECUTION_SKIP_LOCAL_LOCK_DIR)
            .map(set -> configuration.getPath(EXECUTION_SKIP_LOCAL_LOCK_DIR))
            .orElseGet(LocalFileLockBackend::defaultLockDirectory));
  }
}

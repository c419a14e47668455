package dev.vdk.executionskip;

import dev.vdk.api.Configuration;
import dev.vdk.executionskip.backend.ExecutionBackend;

/**
 * Makes the selected backend from the run's configuration. Backends are made only when a check
 * runs, so a run that does not check loads no HTTP or JDBC code at all.
 */
@FunctionalInterface
public interface BackendFactory {
  ExecutionBackend create(BackendKind kind, Configuration configuration) throws Exception;
}

package dev.vdk.executionskip.backend;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the plugin hands a {@link BackendProvider} besides the configuration: the collaborators a
 * backend may need, so that tests can replace them.
 *
 * @param clock the time, for backends that stamp or measure
 * @param sleeper waits between a backend's own retries
 * @param checkDeadline the longest one check may take ({@code EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS});
 *     the plugin enforces it around every backend, and a backend may also bound its own calls by it
 */
public record BackendContext(Clock clock, Sleeper sleeper, Duration checkDeadline) {
  public BackendContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(checkDeadline, "checkDeadline");
  }
}

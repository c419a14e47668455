package dev.vdk.executionskip.backend;

import dev.vdk.api.ConfigKeys;
import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.LogConfig;
import java.util.Optional;

/**
 * One backend, as the plugin sees it: its name, its keys with their defaults, and how to make it
 * from the run's configuration. Each backend's package holds one provider, listed in {@code
 * META-INF/services/dev.vdk.executionskip.backend.BackendProvider}; the plugin and the operator
 * command find them there and know none of them by name.
 *
 * <p>Adding a backend is: an {@link ExecutionBackend}, a provider for it in the same package, and
 * one line in that services file. See {@code docs/backends.md}, "Adding a backend".
 */
public interface BackendProvider extends ConfigKeys {

  /** The name users select the backend by in {@code EXECUTION_SKIP_CHECKER_BACKEND}, e.g. {@code local}. */
  String name();

  /**
   * What the backend counts executions with, as a few words for the help of {@code
   * EXECUTION_SKIP_CHECKER_BACKEND}, e.g. {@code an OS file lock on this machine}.
   */
  String summary();

  /**
   * Declares the backend's own keys, each with its default and a description that starts with the
   * backend's name (e.g. {@code local backend: ...}). They are declared whichever backend is
   * selected, so that config help lists them all, and read only by {@link #create}.
   */
  @Override
  void declare(ConfigurationBuilder builder);

  /**
   * Whether a run in this log configuration is checked at all. A backend that only knows deployed
   * executions (the Control Service) checks {@link LogConfig#CLOUD} runs only; the default checks
   * every run.
   */
  default boolean checks(LogConfig logConfig) {
    return true;
  }

  /**
   * Work that loads, verifies and initialises the classes this backend's check goes through,
   * without contacting anything or logging, for the plugin to run on a background thread while the
   * framework still reads the job's configuration. Its failures are ignored: the real check loads
   * what it needs and reports its own. None by default.
   */
  default Optional<Runnable> warmUp() {
    return Optional.empty();
  }

  /**
   * Reads and validates the backend's keys and makes the backend. Called only when a check runs,
   * so a run that does not check loads none of the backend's code.
   *
   * @throws dev.vdk.api.ConfigurationException when one of its keys is missing or invalid: the
   *     message names the key, the value (unless secret) and what is accepted, and the run ends
   *     as a user error, whatever the error policy
   * @throws Exception when the backend cannot be made for any other reason: a failed check, so
   *     the error policy decides
   */
  ExecutionBackend create(Configuration configuration, BackendContext context) throws Exception;
}

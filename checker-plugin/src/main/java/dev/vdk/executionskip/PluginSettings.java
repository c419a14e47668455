package dev.vdk.executionskip;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationException;
import dev.vdk.executionskip.backend.BackendProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The plugin's own keys, read and validated together before a run decides anything. Reading them
 * one by one, as the decision needs them, let a bad switch fall back to the most permissive policy;
 * read here, a bad value of any of them is an error that names every bad key at once.
 *
 * <p>Each backend's keys are not read here: they are read when the selected backend is made, so a
 * run that does not use a backend never needs its settings.
 *
 * <p>The deadline and the wait are each at most {@link ExecutionSkipKeys#LONGEST_HOLD}, so that
 * {@link #checkBudget()} always fits in milliseconds: a value that overflowed only once the check
 * had started would be a failed check, and the default policy would run the job.
 */
record PluginSettings(
    boolean enabled, BackendProvider backend, OnErrorPolicy onError, Duration deadline, Duration waitForOthers) {

  /** How long the whole check may hold the job's start: the deadline plus the wait. */
  Duration checkBudget() {
    return deadline.plus(waitForOthers);
  }

  /**
   * Reads every key, whether or not the checker is enabled: a bad value stays bad when the checker
   * is turned back on, and failing now shows it while someone is looking at the settings.
   *
   * @throws ConfigurationException naming each key with a bad value, the value and what is accepted
   */
  static PluginSettings read(Configuration config, BackendProviders backends) {
    List<String> problems = new ArrayList<>();
    Boolean enabled = read(config, problems, c -> c.getBoolean(ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_ENABLED));
    BackendProvider backend = read(config, problems, backends::selected);
    OnErrorPolicy onError =
        read(config, problems, c -> c.getEnum(ExecutionSkipKeys.EXECUTION_SKIP_ON_ERROR, OnErrorPolicy.class));
    Duration deadline = read(config, problems, ExecutionSkipKeys::checkDeadline);
    Duration waitForOthers = read(config, problems, ExecutionSkipKeys::waitForOthers);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(String.join(" ", problems));
    }
    return new PluginSettings(enabled, backend, onError, deadline, waitForOthers);
  }

  private static <T> T read(Configuration config, List<String> problems, Function<Configuration, T> reader) {
    try {
      return reader.apply(config);
    } catch (ConfigurationException e) {
      problems.add(e.getMessage());
      return null;
    }
  }
}

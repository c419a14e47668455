package dev.vdk.executionskip;

import dev.vdk.api.LogConfig;
import dev.vdk.executionskip.backend.BackendProvider;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the selected backend's code on a background thread while the framework is still setting
 * the job up, as Spring Boot's {@code BackgroundPreinitializer} does: {@link
 * java.util.ServiceLoader} makes the plugin long before the run is checked, and reading the job's
 * configuration takes about as long as loading a check's classes, so the check finds them loaded.
 * The thread calls the backend's {@link BackendProvider#warmUp}; the real check waits for nothing
 * of it.
 *
 * <p>The plugin is made before the configuration is read, so whether a check will run is not known
 * yet. Loading a backend's code for a run that does not check would cost that run a processor it
 * needs, so the preload starts only when the environment, which overrides every other layer of the
 * configuration, already says that this run checks: {@code VDK_EXECUTION_SKIP_CHECKER_ENABLED} is
 * not false, and the backend that {@code VDK_EXECUTION_SKIP_CHECKER_BACKEND} names (or the default)
 * checks a run of the {@code VDK_LOG_CONFIG} given (or the framework's default, {@code LOCAL}).
 * This is a hint only: the check reads the real configuration, with or without the preload.
 *
 * <p>It does not start on a single processor, where it would only compete with the job's start,
 * nor when the system property {@value #SWITCH} is {@code false}. Whatever happens on it stays
 * there, its failures included.
 */
final class BackgroundPreload implements Runnable {

  /** {@code -Dvdk.executionskip.preload=false} turns it off. */
  static final String SWITCH = "vdk.executionskip.preload";

  private final BackendProvider backend;

  private BackgroundPreload(BackendProvider backend) {
    this.backend = backend;
  }

  /** Starts the preload on a daemon thread, when {@code environment} says a check will run. */
  static void start(BackendProviders backends, Map<String, String> environment) {
    if ("false".equalsIgnoreCase(System.getProperty(SWITCH)) || Runtime.getRuntime().availableProcessors() < 2) {
      return;
    }
    BackendProvider expected = expectedCheck(backends, environment);
    if (expected == null) {
      return;
    }
    try {
      Thread thread = new Thread(new BackgroundPreload(expected), "vdk-execution-skip-preload");
      // A daemon: a job that ends first never waits for it.
      thread.setDaemon(true);
      thread.start();
    } catch (RuntimeException | Error e) {
      // No thread to be had: the check loads its code itself, a little later.
    }
  }

  /** The backend the environment alone says this run will check with, or null. */
  static BackendProvider expectedCheck(BackendProviders backends, Map<String, String> environment) {
    String enabled = variable(environment, ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_ENABLED);
    if (enabled.equals("false") || enabled.equals("no") || enabled.equals("off") || enabled.equals("0")) {
      return null;
    }
    String named = variable(environment, ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_BACKEND).replace('_', '-');
    String name = named.isEmpty() ? ExecutionSkipKeys.DEFAULT_BACKEND : named;
    // The framework's LOG_CONFIG key and its default.
    String logConfig = variable(environment, "LOG_CONFIG");
    LogConfig runs = logConfig.equals("cloud") ? LogConfig.CLOUD : LogConfig.LOCAL;
    for (BackendProvider provider : backends.all()) {
      if (provider.name().equals(name)) {
        return provider.checks(runs) ? provider : null;
      }
    }
    return null;
  }

  /** {@code VDK_<key>}, whatever its case, trimmed and in lower case; empty when unset or blank. */
  private static String variable(Map<String, String> environment, String key) {
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      if (variable.getKey().equalsIgnoreCase("VDK_" + key) && !variable.getValue().isBlank()) {
        return variable.getValue().trim().toLowerCase(Locale.ROOT);
      }
    }
    return "";
  }

  @Override
  public void run() {
    try {
      backend.warmUp();
    } catch (Exception | Error e) {
      // Only the warm-up failed; the real check loads what it needs and reports its own failures.
    }
  }
}

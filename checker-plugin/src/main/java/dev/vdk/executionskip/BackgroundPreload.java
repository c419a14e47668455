package dev.vdk.executionskip;

import dev.vdk.api.LogConfig;
import dev.vdk.executionskip.backend.BackendProvider;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the selected backend's check code on a background thread while the framework is still
 * setting the job up, as Spring Boot's {@code BackgroundPreinitializer} does: {@link
 * java.util.ServiceLoader} makes the plugin long before the run is checked, and reading the job's
 * configuration takes about as long as loading the check's classes, so the check finds them
 * loaded. The thread runs the backend's {@link BackendProvider#warmUp warm-up} (the Control
 * Service's is a check against a canned answer in memory); the real check waits for nothing of it.
 *
 * <p>The plugin is made before the configuration is read, so whether a check will run is not known
 * yet. Loading the check's code for a run that does not check would cost that run a processor it
 * needs, so the preload starts only when the environment, which overrides every other layer of the
 * configuration, already says that this run checks a backend that has a warm-up: {@code
 * VDK_EXECUTION_SKIP_CHECKER_ENABLED} does not turn the check off, and the backend that {@code
 * VDK_EXECUTION_SKIP_CHECKER_BACKEND} (or the default) names checks a run of {@code
 * VDK_LOG_CONFIG} (LOCAL when unset). This is a hint only: the check reads the real
 * configuration, with or without the preload.
 *
 * <p>It does not start on a single processor, where it would only compete with the job's start,
 * nor when the system property {@value #SWITCH} is {@code false}. Whatever happens on it stays
 * there: it sends no request, logs nothing, and its failures are ignored (the real check reports
 * its own).
 */
final class BackgroundPreload implements Runnable {

  /** {@code -Dvdk.executionskip.preload=false} turns it off. */
  static final String SWITCH = "vdk.executionskip.preload";

  private final Runnable warmUp;

  private BackgroundPreload(Runnable warmUp) {
    this.warmUp = warmUp;
  }

  /** Starts the preload on a daemon thread, when {@code environment} says a check will run. */
  static void start(Map<String, String> environment, BackendProviders backends) {
    if ("false".equalsIgnoreCase(System.getProperty(SWITCH)) || Runtime.getRuntime().availableProcessors() <= 1) {
      return;
    }
    Optional<Runnable> warmUp = warmUpExpected(environment, backends);
    if (warmUp.isEmpty()) {
      return;
    }
    try {
      Thread thread = new Thread(new BackgroundPreload(warmUp.get()), "vdk-execution-skip-preload");
      // A daemon: a job that ends first never waits for it.
      thread.setDaemon(true);
      thread.start();
    } catch (RuntimeException | Error e) {
      // No thread to be had: the check loads its code itself, a little later.
    }
  }

  /** The warm-up of the backend that the environment alone says this run will check, if any. */
  static Optional<Runnable> warmUpExpected(Map<String, String> environment, BackendProviders backends) {
    String enabled = variable(environment, ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_ENABLED);
    if (enabled.equals("false") || enabled.equals("no") || enabled.equals("off") || enabled.equals("0")) {
      return Optional.empty();
    }
    // The framework's LOG_CONFIG key, whose default is LOCAL.
    LogConfig logConfig = variable(environment, "LOG_CONFIG").equals("cloud") ? LogConfig.CLOUD : LogConfig.LOCAL;
    String backend = variable(environment, ExecutionSkipKeys.EXECUTION_SKIP_CHECKER_BACKEND);
    // Written out rather than with lambdas: each would cost the job's start a class spun at run time.
    Optional<BackendProvider> provider = backends.named(backend.isEmpty() ? ExecutionSkipKeys.DEFAULT_BACKEND : backend);
    return provider.isPresent() && provider.get().checks(logConfig) ? provider.get().warmUp() : Optional.empty();
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
      warmUp.run();
    } catch (RuntimeException | Error e) {
      // Only the warm-up failed; the real check loads what it needs and reports its own failures.
    }
  }
}

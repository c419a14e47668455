package dev.vdk.executionskip;

import dev.vdk.executionskip.controlservice.ControlServiceWarmUp;

/**
 * Loads the default backend's code on a background thread while the framework is still setting
 * the job up, as Spring Boot's {@code BackgroundPreinitializer} does: {@link
 * java.util.ServiceLoader} makes the plugin long before the run is checked, and reading the job's
 * configuration takes about as long as loading the check's classes, so the check finds them
 * loaded. The thread runs a check against a canned answer in memory ({@link
 * ControlServiceWarmUp}); the real check waits for nothing of it.
 *
 * <p>It starts only on more than one processor, where it has a processor of its own to use, and
 * not when the system property {@value #SWITCH} is {@code false}. Whatever happens on it stays
 * there: it sends no request, logs nothing, and its failures are ignored (the real check reports
 * its own).
 */
final class BackgroundPreload implements Runnable {

  /** {@code -Dvdk.executionskip.preload=false} turns it off. */
  static final String SWITCH = "vdk.executionskip.preload";

  private BackgroundPreload() {}

  /** Starts the preload on a daemon thread, when it can help. */
  static void start() {
    if (Runtime.getRuntime().availableProcessors() < 2 || "false".equalsIgnoreCase(System.getProperty(SWITCH))) {
      return;
    }
    try {
      Thread thread = new Thread(new BackgroundPreload(), "vdk-execution-skip-preload");
      // A daemon: a job that ends first never waits for it.
      thread.setDaemon(true);
      thread.start();
    } catch (RuntimeException | Error e) {
      // No thread to be had: the check loads its code itself, a little later.
    }
  }

  @Override
  public void run() {
    try {
      ControlServiceWarmUp.run();
    } catch (Exception | Error e) {
      // Only the warm-up failed; the real check loads what it needs and reports its own failures.
    }
  }
}

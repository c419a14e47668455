package dev.vdk.runtime;

/**
 * Ends the process. The command line exits the JVM; tests and embedders pass one that records the
 * code, so a whole run, skip included, can happen in-process.
 */
@FunctionalInterface
public interface ProcessExit {
  /**
   * Exits the JVM. Unlike VDK's {@code os._exit} on a skip, shutdown hooks may run: the runtime
   * writes the termination message exactly once, so nothing after it can overwrite "Skipped".
   */
  ProcessExit SYSTEM = System::exit;

  void exit(int code);
}

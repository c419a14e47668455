package dev.vdk.executionskip.backend;

/**
 * Answers one question: may this execution of a data job run now? One implementation per backend
 * (Control Service, local file lock, PostgreSQL advisory lock); the plugin knows none of them by
 * more than this interface.
 *
 * <p>An implementation answers at once: it never waits for another execution to end (the wait
 * policy is a decorator around it). It throws when it cannot answer; the error policy decides what
 * the run does then.
 */
public interface ExecutionBackend {

  /** The name users select the backend by, e.g. {@code local}. */
  String name();

  /**
   * Decides whether the execution may run. A {@link Verdict#RUN} decision may hold a {@link Lease}
   * that the caller closes when the job ends, however it ends.
   */
  Decision tryAcquire(ExecutionRequest request) throws Exception;
}

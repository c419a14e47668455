package dev.vdk.executionskip.backend;

/**
 * Told when a {@link Lease} that a run holds is lost while the run goes on, so that the run can
 * stop before another execution runs beside it for long.
 */
@FunctionalInterface
public interface LeaseLossListener {

  /**
   * Called at most once per lease, on a thread of the backend's.
   *
   * @param what a sentence saying what happened, e.g. that the database session holding the lock
   *     ended; it may quote the driver or the server as they wrote it, since the listener shows it
   *     redacted and escaped
   */
  void leaseLost(String what);
}

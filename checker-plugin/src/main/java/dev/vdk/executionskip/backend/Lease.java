package dev.vdk.executionskip.backend;

import java.util.OptionalLong;

/**
 * What a backend holds for a running execution (a file lock, a database session). Closing it lets
 * the next execution run; closing twice is harmless.
 */
@FunctionalInterface
public interface Lease extends AutoCloseable {
  /** For backends that hold nothing, such as the Control Service check. */
  Lease NONE = () -> {};

  @Override
  void close();

  /**
   * Starts watching that the lease stays held while the run goes on, for backends whose lease can
   * be lost from outside (a database session that ends, say). The listener is told at most once;
   * closing the lease stops the watch, and a lease its owner closed is never reported lost. A
   * watch never takes the lease again. The default watches nothing, for leases that cannot be lost
   * or hold nothing.
   */
  default void watch(LeaseLossListener listener) {}

  /**
   * The fencing token of this holding: a number that grows with every acquisition of the job's
   * lease and is never handed out twice, so that a store the job writes to can refuse the writes
   * of a holder that has since been replaced. Empty for backends that hand out none.
   */
  default OptionalLong fencingToken() {
    return OptionalLong.empty();
  }
}

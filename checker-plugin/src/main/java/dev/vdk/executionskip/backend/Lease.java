package dev.vdk.executionskip.backend;

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
}

package dev.vdk.executionskip.backend;

import java.time.Duration;

/** Waits between attempts; injected so tests can count waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {
  /** The real one: {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}

package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.Sleeper;
import feign.RetryableException;
import feign.Retryer;

/**
 * The retryer a shared Feign target is built with. Feign clones its retryer at the start of every
 * call, on the calling thread; the clone is a {@link ControlServiceRetryer} bound to the deadline
 * of the check that thread is making, with fresh retry counts.
 */
final class PerCheckRetryer implements Retryer {

  private final ControlServiceSettings settings;
  private final Sleeper sleeper;
  private final CheckScope checks;
  private final boolean connectFailuresOnly;

  PerCheckRetryer(
      ControlServiceSettings settings,
      Sleeper sleeper,
      CheckScope checks,
      boolean connectFailuresOnly) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.checks = checks;
    this.connectFailuresOnly = connectFailuresOnly;
  }

  /** Never reached through Feign, which only uses clones; not retrying is the safe answer. */
  @Override
  public void continueOrPropagate(RetryableException e) {
    throw e;
  }

  @Override
  public Retryer clone() {
    return new ControlServiceRetryer(
        settings, sleeper, checks.current().deadline(), connectFailuresOnly);
  }
}

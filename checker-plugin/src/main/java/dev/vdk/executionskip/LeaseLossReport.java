package dev.vdk.executionskip;

import dev.vdk.api.JobContext;
import dev.vdk.executionskip.backend.LeaseLossListener;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a run does when the backend finds its lease lost while the job runs, whatever the backend:
 * it logs an ERROR line and a {@link DecisionLine} with {@code decision=lost} (its {@code
 * duration_ms} is how long the lease had been held), and asks the runtime, through the run's
 * {@link dev.vdk.api.RunControl}, to start no further step. What the backend says about the loss
 * may quote the driver or the server, so it is shown redacted and on one line, like every line of
 * the run (see {@link PluginLog}).
 */
final class LeaseLossReport implements LeaseLossListener {
  private final JobContext context;
  private final String backend;
  private final Clock clock;
  private final PluginLog log;
  private final long heldSince;
  private final OptionalLong fencingToken;

  LeaseLossReport(JobContext context, String backend, Clock clock, PluginLog log, OptionalLong fencingToken) {
    this.context = context;
    this.backend = backend;
    this.clock = clock;
    this.log = log;
    this.heldSince = clock.millis();
    this.fencingToken = fencingToken;
  }

  @Override
  public void leaseLost(String what) {
    log.log(Level.ERROR,
        "Job " + context.jobName() + " of team " + context.team() + " (attempt " + context.attemptId()
            + ") lost its " + backend + " lock while running. " + what
            + " Another execution may run beside it; no further step will start.");
    log.decision(
        new DecisionLine(context, backend, "lost", what, Optional.empty(), clock.millis() - heldSince, fencingToken));
    context.runControl().requestStop(log.shown(
        "The " + backend + " lock of attempt " + context.attemptId() + " was lost while the job ran. "
            + what + " Another execution may run beside it."));
  }
}

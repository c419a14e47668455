package dev.vdk.api;

/**
 * What a step sees of the run: who it is, its configuration, and its {@link RunControl}, which a
 * long step may poll to return early once the run is asked to stop.
 */
public record JobInput(
    String jobName,
    String team,
    String executionId,
    String attemptId,
    Configuration configuration,
    StateStore state,
    RunControl runControl) {}

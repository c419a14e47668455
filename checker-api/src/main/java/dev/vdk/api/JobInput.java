package dev.vdk.api;

/** What a step sees of the run: who it is and its configuration. */
public record JobInput(
    String jobName,
    String team,
    String executionId,
    String attemptId,
    Configuration configuration,
    StateStore state) {}

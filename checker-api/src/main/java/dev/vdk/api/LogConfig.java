package dev.vdk.api;

/**
 * Where a job runs, as VDK infers it from its log configuration: {@code LOCAL} on a developer's
 * machine, {@code CLOUD} when deployed (e.g. in Kubernetes).
 */
public enum LogConfig {
  LOCAL,
  CLOUD
}

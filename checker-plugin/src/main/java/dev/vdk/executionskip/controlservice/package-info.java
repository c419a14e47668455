/**
 * The Control Service backend: asks the VDK Control Service which executions of a data job are
 * submitted or running, and skips the current execution when another one is among them.
 *
 * <p>Nothing here depends on the framework (checker-api); settings, clock, sleeper and HTTP client
 * come in through constructors.
 */
package dev.vdk.executionskip.controlservice;

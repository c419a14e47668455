/**
 * The Control Service backend: asks the VDK Control Service which executions of a data job are
 * submitted or running, and skips the current execution when another one is among them.
 *
 * <p>Read top-down: {@link dev.vdk.executionskip.controlservice.ControlServiceBackend} (from the
 * configuration to a decision), {@link dev.vdk.executionskip.controlservice.ControlServiceClient}
 * (one check: a deadline, an operation id and a token, then one request), {@link
 * dev.vdk.executionskip.controlservice.ExecutionsAnswerReader} and {@link
 * dev.vdk.executionskip.controlservice.ActiveExecutions} (what is kept of the answer), {@link
 * dev.vdk.executionskip.controlservice.OwnRecord} (which listed execution is the run's own). How
 * the request travels is in {@code controlservice.http}.
 */
package dev.vdk.executionskip.controlservice;

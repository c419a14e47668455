/**
 * How the Control Service check talks HTTP: Feign's request, response and client types, the token
 * exchange, retries, timeouts cut to the check's deadline, and limits on what an answer may make
 * the job read or print. It knows nothing of the decision; {@code controlservice} calls it.
 *
 * <p>Read {@link dev.vdk.executionskip.controlservice.http.ControlServiceHttp#send} first: one
 * request of a check, from its first attempt to an answer or an error.
 */
package dev.vdk.executionskip.controlservice.http;

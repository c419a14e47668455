/**
 * The backend SPI: {@link dev.vdk.executionskip.backend.ExecutionBackend} answers "may this execution
 * run now?", and a {@link dev.vdk.executionskip.backend.BackendProvider} per backend owns its keys
 * and makes it. One package per backend; this package names none of them.
 */
package dev.vdk.executionskip.backend;

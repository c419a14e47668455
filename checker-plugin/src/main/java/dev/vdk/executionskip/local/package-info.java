/** The {@code local} backend: an OS file lock per job, for executions on one machine. */
package dev.vdk.executionskip.local;

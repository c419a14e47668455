/**
 * The {@code postgres-lease} backend: a row per job in a PostgreSQL table, leased for a time and
 * renewed while the job runs, with a fencing token that grows with every acquisition. No
 * connection is held between statements, so a fleet of jobs shares a few server connections and
 * the backend works through a pooler in transaction mode.
 */
package dev.vdk.executionskip.postgreslease;

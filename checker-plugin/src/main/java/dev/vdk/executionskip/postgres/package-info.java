/** The {@code postgres} backend: a PostgreSQL session advisory lock per job, across machines. */
package dev.vdk.executionskip.postgres;

/** How a job runs: plugin discovery, hook calling, configuration layers, ids and the termination message. */
package dev.vdk.runtime;

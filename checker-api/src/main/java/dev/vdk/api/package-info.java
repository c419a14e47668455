/** What plugin authors see: hooks, configuration and the job model. */
package dev.vdk.api;

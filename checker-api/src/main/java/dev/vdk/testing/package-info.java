/** What plugin authors test with: run a job in-process and look at what happened. */
package dev.vdk.testing;

/**
 * The operator command {@code java -jar checker-plugin.jar check}: would an execution of a job
 * that starts now run or be skipped, and which executions are in its way.
 */
package dev.vdk.executionskip.cli;

/** The execution-skip plugin. */
package dev.vdk.executionskip;

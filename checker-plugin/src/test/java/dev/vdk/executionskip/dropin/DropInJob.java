package dev.vdk.executionskip.dropin;

import dev.vdk.api.DataJob;
import dev.vdk.api.Step;
import dev.vdk.runtime.JobCommandLine;
import java.util.List;

/**
 * A job that knows nothing of the execution-skip plugin: the framework finds the plugin only when
 * its jar is dropped on the classpath. {@link DropInJarIT} runs it in a child JVM.
 */
public final class DropInJob {
  static final String JOB = "drop-in-job";
  static final String TEAM = "drop-in-team";
  static final String STEP_LINE = "The drop-in job's step ran.";

  private DropInJob() {}

  public static void main(String[] args) {
    JobCommandLine.main(DataJob.of(JOB, TEAM, List.of(Step.named("print", input -> System.out.println(STEP_LINE)))), args);
  }
}

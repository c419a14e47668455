package dev.vdk.executionskip.dropin;

import dev.vdk.api.DataJob;
import dev.vdk.api.Step;
import dev.vdk.runtime.JobCommandLine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A job, knowing nothing of the plugin, whose one step says it has started and then holds until a
 * line arrives on its standard input: while it holds, the run holds the job's lock.
 * {@link DropInJarPostgresIT} runs it in child JVMs.
 */
public final class HoldingDropInJob {
  static final String JOB = "drop-in-holding-job";
  static final String HOLDING_LINE = "The holding job's step started.";

  private HoldingDropInJob() {}

  public static void main(String[] args) {
    Step hold = Step.named("hold", input -> {
      System.out.println(HOLDING_LINE);
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    });
    JobCommandLine.main(
        DataJob.of(JOB, DropInJob.TEAM, List.of(hold)),
        args);
  }
}

package dev.vdk.example;

import dev.vdk.runtime.JobCommandLine;

/** {@code java -jar example-job.jar [run | config-help]}. */
public final class ExampleJobMain {
  private ExampleJobMain() {}

  public static void main(String[] args) {
    JobCommandLine.main(ExampleJob.create(), args);
  }
}

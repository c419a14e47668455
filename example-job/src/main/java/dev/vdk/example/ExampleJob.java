package dev.vdk.example;

import dev.vdk.api.DataJob;
import java.util.List;

/** The example incremental ETL job: make sure there is source data, then load what is new. */
public final class ExampleJob {
  private ExampleJob() {}

  public static DataJob create() {
    return DataJob.withConfigResource(
        List.of(new EnsureSourceData(), new LoadNewRecords()), ExampleJob.class, "/job.conf");
  }
}

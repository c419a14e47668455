package dev.vdk.executionskip;

import dev.vdk.api.DataJob;
import dev.vdk.api.Step;
import java.util.List;

/** The job the plugin's tests run unless they need their own: job orders of team finance. */
public final class TestJob {
  public static final String NAME = "orders";
  public static final String TEAM = "finance";
  /** An attempt of execution {@code orders-123}. */
  public static final String ATTEMPT_ID = "orders-123-abcde";

  private TestJob() {}

  /** The job with these steps. */
  public static DataJob of(Step... steps) {
    return DataJob.of(NAME, TEAM, List.of(steps));
  }

  /** The job with these steps. */
  public static DataJob of(List<Step> steps) {
    return DataJob.of(NAME, TEAM, steps);
  }
}

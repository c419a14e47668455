package dev.vdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job made in code needs a name and a team: given up front, or from the environment. */
class DataJobTest {
  private static final List<Step> STEPS = List.of(Step.named("load", input -> {}));

  @Test
  void aJobMadeWithItsNameAndTeamRunsUnderThem() {
    JobRunReport report = JobTestKit.forJob(DataJob.of("load \"orders\" = daily", "data.team", STEPS)).run();

    assertThat(report.status()).as(report.result().message()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.context()).hasValueSatisfying(context -> {
      assertThat(context.jobName()).isEqualTo("load \"orders\" = daily");
      assertThat(context.team()).isEqualTo("data.team");
    });
  }

  @Test
  void aBlankNameOrTeamIsRefusedUpFront() {
    assertThatThrownBy(() -> DataJob.of(" ", "team", STEPS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> DataJob.of("job", "", STEPS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("team");
  }

  @Test
  void aJobMadeWithoutNameOrConfigFileSaysThatVdkJobNameIsRequiredAndHowToGiveIt() {
    JobRunReport report = JobTestKit.forJob(DataJob.of(STEPS)).run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.result().message())
        .contains("JOB_NAME")
        .contains("VDK_JOB_NAME")
        .contains("DataJob.of(jobName, team, steps)");
  }

  @Test
  void aJobMadeWithoutNameOrConfigFileRunsWhenTheEnvironmentNamesIt() {
    JobRunReport report =
        JobTestKit.forJob(DataJob.of(STEPS))
            .withEnvironment("VDK_JOB_NAME", "from-env")
            .withEnvironment("VDK_TEAM", "team")
            .run();

    assertThat(report.status()).as(report.result().message()).isEqualTo(ExecutionStatus.SUCCESS);
  }
}

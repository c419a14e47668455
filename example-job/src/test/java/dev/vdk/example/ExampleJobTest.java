package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleJobTest {
  @TempDir Path dataDir;

  private JobRunReport run() {
    return JobTestKit.forJob(ExampleJob.create())
        .withPlugin(new ExampleJobKeys())
        .withEnvironment("VDK_EXAMPLE_DATA_DIR", dataDir.toString())
        .run();
  }

  @Test
  void theFirstRunCreatesSampleDataAndLoadsAllOfIt() throws Exception {
    JobRunReport report = run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.stepsRun()).containsExactly("EnsureSourceData", "LoadNewRecords");
    assertThat(report.terminationMessage()).hasValueSatisfying(m -> assertThat(m).contains("\"status\": \"Success\""));
    assertThat(Files.readString(dataDir.resolve("checkpoint")).trim()).isEqualTo("10");
    assertThat(outputIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
  }

  @Test
  void theCheckpointAdvancesAcrossRunsAndOnlyNewRecordsAreLoaded() throws Exception {
    run();
    Files.writeString(
        dataDir.resolve("source.csv"),
        "11,2026-11-02T00:00:00Z,customer-1,5.00\n12,2026-11-02T01:00:00Z,customer-2,6.00\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    JobRunReport second = run();

    assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(Files.readString(dataDir.resolve("checkpoint")).trim()).isEqualTo("12");
    assertThat(outputIds()).hasSize(12).doesNotHaveDuplicates().endsWith(11L, 12L);
  }

  @Test
  void aRunWithNothingNewLeavesOutputAndCheckpointAlone() throws Exception {
    run();

    run();

    assertThat(Files.readString(dataDir.resolve("checkpoint")).trim()).isEqualTo("10");
    assertThat(outputIds()).hasSize(10);
  }

  private List<Long> outputIds() throws Exception {
    return Files.readAllLines(dataDir.resolve("output.csv")).stream()
        .skip(1)
        .map(line -> Long.parseLong(line.split(",")[0]))
        .toList();
  }
}

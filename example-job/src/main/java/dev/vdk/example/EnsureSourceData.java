package dev.vdk.example;

import dev.vdk.api.JobInput;
import dev.vdk.api.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Creates the source file with sample order events when it does not exist yet. */
final class EnsureSourceData implements Step {
  static final int SAMPLE_RECORDS = 10;

  @Override
  public void run(JobInput input) throws Exception {
    DataFiles files = DataFiles.of(input);
    Files.createDirectories(files.directory());
    if (Files.exists(files.source())) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(DataFiles.HEADER);
    for (int id = 1; id <= SAMPLE_RECORDS; id++) {
      lines.add(
          new Record(id, String.format("2026-11-01T%02d:00:00Z", id), "customer-" + (id % 3 + 1), id * 10 + ".00")
              .toCsv());
    }
    Files.write(files.source(), lines, StandardCharsets.UTF_8);
    System.out.println("Created " + files.source() + " with " + SAMPLE_RECORDS + " sample records.");
  }
}

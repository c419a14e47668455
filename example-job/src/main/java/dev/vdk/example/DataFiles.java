package dev.vdk.example;

import dev.vdk.api.JobInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The example job's files: the source it reads, the output it appends to, its checkpoint. */
record DataFiles(Path directory) {
  static final String HEADER = "id,event_time,customer,amount";

  static DataFiles of(JobInput input) {
    return new DataFiles(input.configuration().getPath(ExampleJobKeys.DATA_DIR));
  }

  Path source() {
    return directory.resolve("source.csv");
  }

  Path output() {
    return directory.resolve("output.csv");
  }

  Path checkpoint() {
    return directory.resolve("checkpoint");
  }

  /** What is committed; {@link Checkpoint#NONE} before the first run. */
  Checkpoint readCheckpoint() throws IOException {
    if (!Files.exists(checkpoint())) {
      return Checkpoint.NONE;
    }
    return Checkpoint.parse(Files.readString(checkpoint(), StandardCharsets.UTF_8));
  }

  List<Record> readSource() throws IOException {
    return Files.readAllLines(source(), StandardCharsets.UTF_8).stream()
        .skip(1)
        .filter(line -> !line.isBlank())
        .map(Record::parse)
        .toList();
  }

  /** Output rows, header excluded. */
  long outputRows() throws IOException {
    if (!Files.exists(output())) {
      return 0;
    }
    try (var lines = Files.lines(output(), StandardCharsets.UTF_8)) {
      return Math.max(0, lines.count() - 1);
    }
  }
}

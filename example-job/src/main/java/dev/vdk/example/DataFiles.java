package dev.vdk.example;

import dev.vdk.api.JobInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /** The id of the last record already loaded; 0 before the first run. */
  long readCheckpoint() throws IOException {
    if (!Files.exists(checkpoint())) {
      return 0;
    }
    return Long.parseLong(Files.readString(checkpoint(), StandardCharsets.UTF_8).trim());
  }

  /** Written to a temporary file and moved into place, so a crash never leaves half a number. */
  void writeCheckpoint(long lastId) throws IOException {
    Path temporary = Files.createTempFile(directory, "checkpoint", ".tmp");
    Files.writeString(temporary, Long.toString(lastId), StandardCharsets.UTF_8);
    Files.move(temporary, checkpoint(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

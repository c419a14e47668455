package dev.vdk.example;

import dev.vdk.api.JobInput;
import dev.vdk.api.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * The incremental load: everything newer than the checkpoint is appended to the output, then the
 * checkpoint moves. Read-checkpoint-then-append is exactly what two concurrent runs get wrong: both
 * read the same checkpoint, so both append the same records.
 */
final class LoadNewRecords implements Step {

  @Override
  public void run(JobInput input) throws Exception {
    DataFiles files = DataFiles.of(input);
    long checkpoint = files.readCheckpoint();
    List<Record> fresh = files.readSource().stream().filter(r -> r.id() > checkpoint).toList();

    Duration pause = input.configuration().getDuration(ExampleJobKeys.PAUSE_SECONDS);
    if (!pause.isZero()) {
      System.out.println("Pausing " + pause.toSeconds() + " s with " + fresh.size() + " records in hand (checkpoint " + checkpoint + ").");
      Thread.sleep(pause.toMillis());
    }

    if (!Files.exists(files.output())) {
      Files.writeString(files.output(), DataFiles.HEADER + "\n", StandardCharsets.UTF_8);
    }
    StringBuilder rows = new StringBuilder();
    fresh.forEach(r -> rows.append(r.toCsv()).append('\n'));
    Files.writeString(files.output(), rows, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    long newCheckpoint = fresh.stream().mapToLong(Record::id).max().orElse(checkpoint);
    files.writeCheckpoint(newCheckpoint);
    System.out.println(
        "Loaded " + fresh.size() + " new records; checkpoint " + checkpoint + " -> " + newCheckpoint
            + "; " + files.output() + " holds " + files.outputRows() + " rows.");
  }
}

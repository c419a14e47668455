package dev.vdk.example;

import dev.vdk.api.JobInput;
import dev.vdk.api.Step;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The incremental load: everything newer than the checkpoint is appended to the output, and the
 * checkpoint moves, in one {@link FencedCommit}. Read-checkpoint-then-append is exactly what two
 * concurrent runs get wrong: both read the same checkpoint, so both append the same records. The
 * guard keeps a second run from starting; the run's fencing token, claimed as it reads, keeps a run
 * that lost its lease from committing once the run that took over has read; and a run asked to stop
 * does not commit.
 */
final class LoadNewRecords implements Step {

  @Override
  public void run(JobInput input) throws Exception {
    DataFiles files = DataFiles.of(input);
    FencedCommit commit = new FencedCommit(files);
    OptionalLong token = input.runControl().fencingToken();
    // Claims the token as it reads, so a run that lost its lease is refused from now on.
    Checkpoint checkpoint = commit.read(token);
    List<Record> fresh = files.readSource().stream().filter(r -> r.id() > checkpoint.lastId()).toList();

    Duration pause = input.configuration().getDuration(ExampleJobKeys.PAUSE_SECONDS);
    if (!pause.isZero()) {
      System.out.println("Pausing " + pause.toSeconds() + " s with " + fresh.size() + " records in hand (checkpoint "
          + checkpoint.lastId() + (token.isPresent() ? ", fencing token " + token.getAsLong() : "") + ").");
      // Ends early when the run is asked to stop, as a lost lease asks it to; the commit then refuses.
      input.runControl().awaitStop(pause);
    }

    Checkpoint committed = commit.commit(checkpoint, fresh, token, input.runControl()::stopRequested);
    System.out.println(
        "Loaded " + fresh.size() + " new records; checkpoint " + checkpoint.lastId() + " -> " + committed.lastId()
            + "; " + files.output() + " holds " + files.outputRows() + " rows.");
  }
}

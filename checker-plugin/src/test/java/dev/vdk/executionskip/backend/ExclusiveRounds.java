package dev.vdk.executionskip.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Drives worker processes through rounds in which all of them try to acquire one job's lock at
 * once, and checks that exactly one runs in each round.
 *
 * <p>The barrier: the parent writes {@code try} to the workers only when every one of them has
 * answered the previous command, so all of them sit blocked on reading that line, and nobody
 * releases until every worker has answered {@code try}.
 */
public final class ExclusiveRounds {
  private ExclusiveRounds() {}

  /** Runs the rounds; returns how many rounds each worker won. */
  public static int[] run(List<WorkerProcess> workers, int rounds) throws InterruptedException {
    int[] wins = new int[workers.size()];
    for (WorkerProcess worker : workers) {
      worker.expect("ready");
    }
    for (int round = 1; round <= rounds; round++) {
      workers.forEach(worker -> worker.send("try"));
      int runners = 0;
      for (int i = 0; i < workers.size(); i++) {
        String answer = workers.get(i).nextLine();
        assertThat(answer).as("round %d, worker %d", round, i).matches("(RUN|SKIP) .*");
        if (answer.startsWith("RUN ")) {
          runners++;
          wins[i]++;
        }
      }
      assertThat(runners).as("executions that ran in round %d", round).isEqualTo(1);
      workers.forEach(worker -> worker.send("release"));
      for (WorkerProcess worker : workers) {
        worker.expect("released");
      }
    }
    return wins;
  }
}

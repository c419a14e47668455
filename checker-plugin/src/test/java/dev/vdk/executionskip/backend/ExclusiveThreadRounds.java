package dev.vdk.executionskip.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Executions of one job as threads of this process, each with its own request, that all ask one
 * backend at once, round after round: all try together, nobody releases before everyone has
 * answered, nobody tries the next round before everyone has released.
 *
 * @param runnersPerRound how many ran in each round
 * @param winsPerExecution how many rounds each execution won
 */
public record ExclusiveThreadRounds(int[] runnersPerRound, int[] winsPerExecution) {

  public static ExclusiveThreadRounds run(ExecutionBackend backend, int executions, int rounds) throws Exception {
    AtomicIntegerArray runners = new AtomicIntegerArray(rounds);
    AtomicIntegerArray wins = new AtomicIntegerArray(executions);
    CyclicBarrier start = new CyclicBarrier(executions);
    CyclicBarrier answered = new CyclicBarrier(executions);
    ExecutorService threads = Executors.newFixedThreadPool(executions);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (int i = 0; i < executions; i++) {
        ExecutionRequest request = new ExecutionRequest("team", "job", "exec-" + i, "exec-" + i + "-x");
        int index = i;
        started.add(threads.submit(() -> {
          for (int round = 0; round < rounds; round++) {
            start.await(1, TimeUnit.MINUTES);
            Decision decision = backend.tryAcquire(request);
            if (decision.verdict() == Verdict.RUN) {
              runners.incrementAndGet(round);
              wins.incrementAndGet(index);
            }
            answered.await(1, TimeUnit.MINUTES);
            decision.lease().close();
          }
          return null;
        }));
      }
      for (Future<?> execution : started) {
        execution.get(3, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
    int[] runnersPerRound = new int[rounds];
    Arrays.setAll(runnersPerRound, runners::get);
    int[] winsPerExecution = new int[executions];
    Arrays.setAll(winsPerExecution, wins::get);
    return new ExclusiveThreadRounds(runnersPerRound, winsPerExecution);
  }
}

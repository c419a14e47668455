package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Of N executions of one job that start together, how many run with the Control Service backend.
 * The stand-in Control Service lists every execution registered so far, as the real one lists the
 * executions it has created, and stamps each with a start time as it registers.
 */
class ControlServiceGuaranteeTest {
  private static final int EXECUTIONS = 8;
  private static final int ROUNDS = 50;
  private static final String TEAM = "guarantee-team";

  private final ExecutionRegistry registry = new ExecutionRegistry();

  @RegisterExtension final StandInControlService controlService = StandInControlService.withExtensions(registry);

  private ExecutorService pool;

  /** One round: the ids of the executions that ran, and every execution in registration order. */
  record Round(List<String> ran, List<String> registered) {}

  @BeforeEach
  void start() {
    controlService.server().stubFor(
        get(urlPathMatching("/data-jobs/for-team/.*/executions"))
            .willReturn(aResponse().withTransformers(ExecutionRegistry.NAME)));
    pool = Executors.newFixedThreadPool(EXECUTIONS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  private ControlServiceBackend backend(boolean oldestWins) {
    return new ControlServiceBackend(
        new ControlServiceClient(controlService.settings(), Clock.systemUTC(), Sleeper.SYSTEM), oldestWins);
  }

  private static ExecutionRequest request(String job, String executionId) {
    return new ExecutionRequest(TEAM, job, executionId, executionId + "-xyz");
  }

  /**
   * N executions of a fresh job are released together by one barrier; each then registers itself,
   * as the Control Service creates an execution's record when it creates the execution, and checks
   * straight away. So a check may see any number of the others, not a list fixed in advance.
   */
  private Round registeringWhileOthersCheck(String job, boolean oldestWins) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(EXECUTIONS);
    List<Callable<Decision>> executions = new ArrayList<>();
    for (int i = 0; i < EXECUTIONS; i++) {
      String executionId = job + "-exec-" + i;
      ControlServiceBackend backend = backend(oldestWins);
      executions.add(
          () -> {
            barrier.await(30, TimeUnit.SECONDS);
            registry.register(TEAM, job, executionId);
            return backend.tryAcquire(request(job, executionId));
          });
    }
    List<String> ran = new ArrayList<>();
    List<Future<Decision>> decisions = pool.invokeAll(executions);
    for (int i = 0; i < EXECUTIONS; i++) {
      if (decisions.get(i).get().runs()) {
        ran.add(job + "-exec-" + i);
      }
    }
    List<String> registered = registry.listed(TEAM, job).stream().map(ExecutionRegistry.Registered::id).toList();
    return new Round(ran, registered);
  }

  @Test
  void withOldestWinsExactlyOneOfEightRunsInEveryRoundAndItIsTheFirstToRegister() throws Exception {
    List<Round> rounds = new ArrayList<>();

    for (int round = 1; round <= ROUNDS; round++) {
      rounds.add(registeringWhileOthersCheck("job-round-" + round, true));
    }

    assertThat(rounds).hasSize(ROUNDS).allSatisfy(round -> {
      assertThat(round.registered()).hasSize(EXECUTIONS);
      assertThat(round.ran()).as("executions that ran").containsExactly(round.registered().get(0));
    });
  }

  @Test
  void theReferenceDecisionLetsNoneRunWhenAllWereCreatedBeforeAnyChecks() throws Exception {
    // Weakness 1 of the reference: executions created together (all submitted before any pod
    // checks) each see the others and skip, so the job does not run at all.
    String job = "job-reference";
    for (int i = 0; i < EXECUTIONS; i++) {
      registry.register(TEAM, job, job + "-exec-" + i);
    }
    CyclicBarrier barrier = new CyclicBarrier(EXECUTIONS);
    List<Callable<Decision>> checks = new ArrayList<>();
    for (int i = 0; i < EXECUTIONS; i++) {
      ExecutionRequest request = request(job, job + "-exec-" + i);
      ControlServiceBackend backend = backend(false);
      checks.add(
          () -> {
            barrier.await(30, TimeUnit.SECONDS);
            return backend.tryAcquire(request);
          });
    }

    List<Boolean> runs = new ArrayList<>();
    for (Future<Decision> decision : pool.invokeAll(checks)) {
      runs.add(decision.get().runs());
    }

    assertThat(runs).hasSize(EXECUTIONS).containsOnly(false);
  }

  @Test
  void onceTheHoldersRecordIsMarkedEndedTheNextExecutionRuns() throws Exception {
    ControlServiceBackend backend = backend(true);
    registry.register(TEAM, "job-ended", "holder-exec");
    registry.register(TEAM, "job-ended", "next-exec");
    ExecutionRequest next = new ExecutionRequest(TEAM, "job-ended", "next-exec", "next-exec-abcde");

    Decision whileHolderIsListed = backend.tryAcquire(next);
    // The Control Service marks the holder's execution ended (finished, failed, or its pod gone),
    // so it is no longer listed as submitted or running.
    registry.end(TEAM, "job-ended", "holder-exec");
    Decision afterwards = backend.tryAcquire(next);

    assertThat(whileHolderIsListed.runs()).isFalse();
    assertThat(whileHolderIsListed.conflictingExecutionId()).contains("holder-exec");
    assertThat(afterwards.runs()).isTrue();
  }
}

package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vdk.executionskip.Sleeper;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Of N executions of one job that start together, how many run with the Control Service backend.
 * The stand-in Control Service lists every execution registered so far, as the real one lists
 * executions it has created; each execution is registered before it checks.
 */
class ControlServiceGuaranteeTest {
  private static final int EXECUTIONS = 8;
  private static final int ROUNDS = 50;
  private static final String TEAM = "guarantee-team";

  private final ExecutionRegistry registry = new ExecutionRegistry();
  private WireMockServer server;
  private ExecutorService pool;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(registry));
    server.start();
    server.stubFor(
        get(urlPathMatching("/data-jobs/for-team/.*/executions"))
            .willReturn(aResponse().withTransformers(ExecutionRegistry.NAME)));
    pool = Executors.newFixedThreadPool(EXECUTIONS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    server.stop();
  }

  private ControlServiceBackend backend(boolean oldestWins) {
    ControlServiceSettings settings = ControlServiceSettings.defaults(URI.create("http://127.0.0.1:" + server.port()));
    return new ControlServiceBackend(new ControlServiceClient(settings, Clock.systemUTC(), Sleeper.SYSTEM), oldestWins);
  }

  /** Registers N executions of a fresh job, releases their checks with one barrier, counts runs. */
  private int runners(String job, boolean oldestWins, Random random) throws Exception {
    Instant base = Instant.parse("2026-11-28T10:00:00Z");
    CyclicBarrier barrier = new CyclicBarrier(EXECUTIONS);
    List<Callable<Decision>> checks = new ArrayList<>();
    for (int i = 0; i < EXECUTIONS; i++) {
      String executionId = job + "-exec-" + i;
      // Start times a few milliseconds apart, ties included, as with a burst of triggers.
      registry.register(TEAM, job, executionId, base.plusMillis(random.nextInt(4)).toString());
      ExecutionRequest request = new ExecutionRequest(TEAM, job, executionId, executionId + "-a" + i + "xyz");
      ControlServiceBackend backend = backend(oldestWins);
      checks.add(
          () -> {
            barrier.await(30, TimeUnit.SECONDS);
            return backend.tryAcquire(request);
          });
    }
    int runners = 0;
    for (Future<Decision> decision : pool.invokeAll(checks)) {
      if (decision.get().runs()) {
        runners++;
      }
    }
    return runners;
  }

  @Test
  void withOldestWinsExactlyOneOfEightRunsInEveryRound() throws Exception {
    Random random = new Random(42);
    List<Integer> runnersPerRound = new ArrayList<>();

    for (int round = 1; round <= ROUNDS; round++) {
      runnersPerRound.add(runners("job-round-" + round, true, random));
    }

    assertThat(runnersPerRound).hasSize(ROUNDS).containsOnly(1);
  }

  @Test
  void theReferenceDecisionLetsNoneOfThemRun() throws Exception {
    // Weakness 1 of the reference: each sees the others and skips, so the job does not run at all.
    assertThat(runners("job-reference", false, new Random(7))).isZero();
  }

  @Test
  void afterTheHolderIsKilledAndMarkedEndedTheNextExecutionRuns() throws Exception {
    ControlServiceBackend backend = backend(true);
    registry.register(TEAM, "job-killed", "holder-exec", "2026-11-28T09:00:00Z");
    registry.register(TEAM, "job-killed", "next-exec", "2026-11-28T09:05:00Z");
    ExecutionRequest next = new ExecutionRequest(TEAM, "job-killed", "next-exec", "next-exec-abcde");

    Decision whileHolderRuns = backend.tryAcquire(next);
    // The holder's pod is killed; the Control Service marks its execution failed, so it is no
    // longer listed as submitted or running.
    registry.end(TEAM, "job-killed", "holder-exec");
    Decision afterwards = backend.tryAcquire(next);

    assertThat(whileHolderRuns.runs()).isFalse();
    assertThat(whileHolderRuns.conflictingExecutionId()).contains("holder-exec");
    assertThat(afterwards.runs()).isTrue();
  }
}

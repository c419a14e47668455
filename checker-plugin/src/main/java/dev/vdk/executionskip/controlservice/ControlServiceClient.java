package dev.vdk.executionskip.controlservice;

import dev.vdk.api.OneLine;
import dev.vdk.executionskip.Sleeper;
import feign.Client;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Asks the Control Service which executions of a data job are submitted or running.
 *
 * <p>One call, token exchange and retries included, never takes longer than the settings' {@code
 * checkDeadline}: each attempt's timeouts are cut to the time left, retrying stops when the next
 * wait would pass the deadline, and as a last guarantee the call runs on a daemon thread that the
 * caller stops waiting for (and interrupts) at the deadline.
 *
 * <p>A client builds its Feign targets once and keeps a pool of daemon threads for its checks; a
 * pool thread still busy with a check cut off by its deadline is never waited for, as the pool
 * starts another thread when none is idle.
 */
public final class ControlServiceClient {

  private static final System.Logger LOG = System.getLogger(ControlServiceClient.class.getName());

  /** How long a pool thread waits idle for the next check before it ends. */
  private static final long IDLE_THREAD_SECONDS = 30;

  private static final String THREAD_NAME = "control-service-check";

  private final ControlServiceSettings settings;
  private final Clock clock;
  private final CheckScope checks;
  private final DataJobExecutionsApi executionsApi;
  private final ExecutorService threads;

  /** With the system clock, real sleeps and Feign's default HTTP client. */
  public ControlServiceClient(ControlServiceSettings settings) {
    this(settings, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  public ControlServiceClient(ControlServiceSettings settings, Clock clock, Sleeper sleeper) {
    this(settings, clock, sleeper, ControlServiceHttp.defaultClient(settings));
  }

  /**
   * @param httpClient sends each attempt; redirects and TLS are its business, so a replacement
   *     must not follow redirects either
   */
  public ControlServiceClient(
      ControlServiceSettings settings, Clock clock, Sleeper sleeper, Client httpClient) {
    this.settings = settings;
    this.clock = clock;
    ControlServiceHttp http = new ControlServiceHttp(settings, httpClient, sleeper);
    this.checks = http.checks();
    this.executionsApi =
        http.target(
            DataJobExecutionsApi.class,
            settings.restApiUrl().toString(),
            ControlServiceHttp.Calls.READS,
            new BearerTokenInterceptor(new AccessTokenProvider(settings, http, clock), checks));
    this.threads = daemonThreadPool();
  }

  /**
   * No core threads and no queue: a check takes an idle thread or starts a new one, so it never
   * waits behind a check that is stuck past its deadline, and idle threads end by themselves.
   */
  private static ExecutorService daemonThreadPool() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        IDLE_THREAD_SECONDS,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        task -> {
          Thread thread = new Thread(task, THREAD_NAME + "-" + count.incrementAndGet());
          // A daemon, so that a call stuck past its deadline can never keep the job's JVM alive.
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * The submitted and running executions of job {@code jobName} of team {@code team}, as much of
   * them as a decision needs.
   *
   * @throws ControlServiceException when the Control Service cannot tell in time
   */
  public ActiveExecutions activeExecutions(String team, String jobName) {
    requireName(team, "team");
    requireName(jobName, "job name");
    CallDeadline deadline = new CallDeadline(clock, settings.checkDeadline());
    String operationId = TracingHeadersInterceptor.newOperationId();
    Future<ActiveExecutions> call =
        threads.submit(() -> checks.run(deadline, operationId, () -> fetch(team, jobName)));
    ActiveExecutions executions;
    try {
      executions = call.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw deadline.exceeded();
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new ControlServiceException(
          "The Control Service check for job " + jobName + " of team " + team
              + " was interrupted.");
    } catch (ExecutionException e) {
      throw ControlServiceFailures.translate(e.getCause());
    }
    LOG.log(
        System.Logger.Level.INFO,
        "Control Service lists {0} active executions of job {1} of team {2}{3} (operation id {4}).",
        executions.count(),
        jobName,
        team,
        idsForLog(executions),
        operationId);
    return executions;
  }

  private ActiveExecutions fetch(String team, String jobName) {
    ActiveExecutions executions =
        executionsApi.dataJobExecutionList(team, jobName, DataJobExecutionsApi.ACTIVE_STATUSES);
    if (executions == null) {
      throw new ControlServiceException(
          "The Control Service answered the executions of job " + jobName + " of team " + team
              + " with an empty body instead of a JSON list.");
    }
    return executions;
  }

  private static String idsForLog(ActiveExecutions executions) {
    if (executions.isEmpty()) {
      return "";
    }
    String ids =
        executions.firstListed().stream()
            .map(DataJobExecution::id)
            .map(OneLine::escape)
            .collect(Collectors.joining(", ", ": ", ""));
    long rest = executions.notKept();
    return rest > 0 ? ids + " and " + rest + " more" : ids;
  }

  private static void requireName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("The " + what + " to check must not be empty.");
    }
  }
}

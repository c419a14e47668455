package dev.vdk.executionskip;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vdk.executionskip.backend.BackendContext;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionBackendContract;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import dev.vdk.executionskip.controlservice.ControlServiceProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The control-service backend, as its provider makes it, keeps the promises every backend keeps.
 * The stand-in Control Service lists, for each job, the executions that started and have not
 * ended, as the real one lists those it created and has not marked ended.
 */
class ControlServiceContractTest implements ExecutionBackendContract {
  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance().options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private final Map<String, List<String>> runningByJob = new LinkedHashMap<>();

  @Override
  public ExecutionBackend backend() {
    return new ControlServiceProvider()
        .create(
            PluginConfiguration.fromEnvironment(
                Map.of("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + server.getPort())),
            new BackendContext(Clock.systemUTC(), new FakeTime(), Duration.ofSeconds(30)));
  }

  @Override
  public void starts(ExecutionRequest execution) {
    runningByJob.computeIfAbsent(path(execution), path -> new ArrayList<>()).add(execution.executionId());
    list(execution);
  }

  @Override
  public void ends(ExecutionRequest execution, Lease lease) {
    lease.close();
    runningByJob.getOrDefault(path(execution), new ArrayList<>()).remove(execution.executionId());
    list(execution);
  }

  private void list(ExecutionRequest execution) {
    String executions =
        runningByJob.getOrDefault(path(execution), List.of()).stream()
            .map(id -> "{\"id\": \"" + id + "\", \"status\": \"running\", \"start_time\": \"2026-11-28T10:00:00Z\"}")
            .collect(Collectors.joining(", ", "[", "]"));
    server.stubFor(get(urlPathEqualTo(path(execution))).willReturn(okJson(executions)));
  }

  private static String path(ExecutionRequest execution) {
    return "/data-jobs/for-team/" + execution.team() + "/jobs/" + execution.jobName() + "/executions";
  }
}

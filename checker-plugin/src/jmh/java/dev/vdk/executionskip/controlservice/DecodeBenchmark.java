package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.backend.Deadline;
import dev.vdk.executionskip.bench.ExecutionsJson;
import dev.vdk.executionskip.controlservice.http.ControlServiceHttp;
import feign.Client;
import feign.Request;
import feign.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goal 2: reading answers of 10, 1,000 and 100,000 executions as the client reads them ({@link
 * ControlServiceHttp#send} with the client's {@link ExecutionsAnswerReader}: the size cap, the
 * deadline on every read, then the streaming reader), from an in-memory client that answers at
 * once. Per execution: divide by {@code executions}; {@code run-benchmarks.sh} does.
 *
 * <p>In this package because the reader is package-private, as it should stay. The client's cap of
 * 16 MiB would refuse the 100,000 answer (about 74 MB), so the cap is raised here; what is
 * measured is the reading, which the cap does not change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DecodeBenchmark {
  @Param({"10", "1000", "100000"})
  public int executions;

  private ControlServiceHttp http;
  private ExecutionsAnswerReader reader;
  private Request request;

  @Setup(Level.Trial)
  public void prepare() {
    byte[] answer = ExecutionsJson.executions(executions).getBytes(StandardCharsets.UTF_8);
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("http://127.0.0.1:1"))
            .withMaxAnswerBytes(Math.max(ControlServiceSettings.DEFAULT_MAX_ANSWER_BYTES, answer.length));
    Client answersAtOnce =
        (sent, options) ->
            Response.builder()
                .status(200)
                .request(sent)
                .headers(Map.of("Content-Type", List.of("application/json")))
                .body(answer)
                .build();
    http = new ControlServiceHttp(settings.http(), answersAtOnce, Sleeper.SYSTEM);
    reader = new ExecutionsAnswerReader();
    request =
        Request.create(
            Request.HttpMethod.GET,
            "http://127.0.0.1:1/data-jobs/for-team/data-demo/jobs/example-incremental-etl/executions",
            Map.of(),
            null,
            StandardCharsets.UTF_8,
            null);
  }

  @Benchmark
  public Optional<ActiveExecutions> decode() {
    return http.send(
        request, ControlServiceHttp.Kind.READ, Deadline.after(Duration.ofMinutes(1), Clock.systemUTC()), reader);
  }
}

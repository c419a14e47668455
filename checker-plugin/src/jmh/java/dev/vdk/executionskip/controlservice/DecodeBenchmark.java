package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.Sleeper;
import dev.vdk.executionskip.bench.ExecutionsJson;
import feign.DefaultClient;
import feign.Request;
import feign.Response;
import feign.codec.Decoder;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
 * Goal 2: decoding answers of 10, 1,000 and 100,000 executions through the decoder the client
 * itself uses ({@link ControlServiceHttp#answerDecoder}: the size cap, then the streaming {@link
 * ExecutionsAnswerReader}), for the type Feign hands it (the return type of {@link
 * DataJobExecutionsApi#dataJobExecutionList}). Per execution: divide by {@code executions};
 * {@code run-benchmarks.sh} does.
 *
 * <p>In this package because the decoder is package-private, as it should stay. The client's cap
 * of 16 MiB would refuse the 100,000 answer (about 74 MB), so the cap is raised here; what is
 * measured is the decoding, which the cap does not change.
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

  private Decoder decoder;
  private Type listOfExecutions;
  private Request request;
  private byte[] answer;

  @Setup(Level.Trial)
  public void prepare() throws NoSuchMethodException {
    answer = ExecutionsJson.executions(executions).getBytes(StandardCharsets.UTF_8);
    ControlServiceSettings settings =
        ControlServiceSettings.defaults(URI.create("http://127.0.0.1:1"))
            .withMaxAnswerBytes(Math.max(ControlServiceSettings.DEFAULT_MAX_ANSWER_BYTES, answer.length));
    ControlServiceHttp http = new ControlServiceHttp(settings, new DefaultClient(null, null), Sleeper.SYSTEM);
    decoder = http.answerDecoder(false);
    listOfExecutions =
        DataJobExecutionsApi.class
            .getMethod("dataJobExecutionList", String.class, String.class, List.class)
            .getGenericReturnType();
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
  public Object decode() throws IOException {
    Response response =
        Response.builder()
            .status(200)
            .request(request)
            .headers(Map.of("Content-Type", List.of("application/json")))
            .body(answer)
            .build();
    return decoder.decode(response, listOfExecutions);
  }
}

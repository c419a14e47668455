package dev.vdk.executionskip.bench;

import dev.vdk.executionskip.controlservice.ControlServiceClient;
import dev.vdk.executionskip.controlservice.ControlServiceSettings;
import dev.vdk.executionskip.controlservice.ActiveExecutions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goal 1: a warm check through the plugin's client against a loopback server, next to a bare JDK
 * {@link HttpClient} GET of the same URL, in the same run. The client makes a new deadline and
 * operation id per check, sends through Feign's default client on the caller's thread and reads
 * the answer as a stream: that is what a user gets, so it is what is measured. The JDK side only reads the body as a string.
 *
 * <p>The client's one INFO line per check is switched off: in a job it goes to the console once per
 * run, here it would go through JMH's output pipe thousands of times a second and measure that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
// nodelay: see LoopbackControlService.
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-Dsun.net.httpserver.nodelay=true"})
public class CheckLatencyBenchmark {
  static final String TEAM = "data-demo";
  static final String JOB = "example-incremental-etl";

  private LoopbackControlService server;
  private ControlServiceClient client;
  private HttpClient jdk;
  private HttpRequest jdkRequest;
  // Held so the JUL logger, and with it the level set here, is not garbage collected.
  private Logger pluginLogger;

  @Setup(Level.Trial)
  public void start() throws IOException {
    pluginLogger = Logger.getLogger("dev.vdk.executionskip");
    pluginLogger.setLevel(java.util.logging.Level.WARNING);
    server = LoopbackControlService.start(0, LoopbackControlService.ONE_EXECUTION);
    client = new ControlServiceClient(ControlServiceSettings.defaults(server.baseUrl()));
    jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI url = server.executionsUrl(TEAM, JOB);
    jdkRequest = HttpRequest.newBuilder(url).header("Accept", "application/json").GET().build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.close();
  }

  @Benchmark
  public ActiveExecutions pluginClient() {
    return client.activeExecutions(TEAM, JOB);
  }

  @Benchmark
  public String jdkHttpClient() throws IOException, InterruptedException {
    return jdk.send(jdkRequest, HttpResponse.BodyHandlers.ofString()).body();
  }
}

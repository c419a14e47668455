package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.testing.JobRunReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How long a dead Control Service holds a job's start, as the operator's docs state it: at the
 * default settings a refused connection costs 0.5 + 1 + 2 + 4 + 8 + 8 = 23.5 s of waits between 7
 * attempts, and a server that never completes a connection costs the whole deadline (30 s). The
 * waits are recorded, not spent; the blackhole's deadline is real but set to 1 s.
 */
class DeadControlServiceTimingsTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  private static int refusingPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private JobRunReport runAgainstRefusingPort(String... settings) throws IOException {
    var job = controlService.jobWithoutUrl().withEnvironment("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + refusingPort());
    for (int i = 0; i < settings.length; i += 2) {
      job = job.withEnvironment(settings[i], settings[i + 1]);
    }
    return job.run();
  }

  private static Duration total(List<Duration> waits) {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Test
  void atTheDefaultsARefusedConnectionWaitsTwentyThreeAndAHalfSecondsThenTheJobProceeds() throws IOException {
    JobRunReport report = runAgainstRefusingPort();

    assertThat(controlService.time().sleeps()).containsExactly(
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8));
    assertThat(total(controlService.time().sleeps())).isEqualTo(Duration.ofMillis(23_500));
    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.stepsRun()).containsExactly("load");
  }

  @Test
  void fewerConnectRetriesShortenTheWait() throws IOException {
    runAgainstRefusingPort("VDK_CONTROL_HTTP_CONNECT_RETRIES", "2");

    assertThat(controlService.time().sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void aShorterDeadlineStopsTheRetriesBeforeItPasses() throws IOException {
    runAgainstRefusingPort("VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", "2");

    assertThat(total(controlService.time().sleeps())).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aServerThatNeverCompletesAConnectionHoldsTheStartForTheDeadlineOnly() throws IOException {
    try (ServerSocket blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = fillAcceptQueue(blackhole);
      try {
        long start = System.nanoTime();
        JobRunReport report =
            controlService.jobWithoutUrl()
                .withEnvironment("VDK_CONTROL_SERVICE_REST_API_URL", "http://127.0.0.1:" + blackhole.getLocalPort())
                .withEnvironment("VDK_EXECUTION_SKIP_CHECK_TIMEOUT_SECONDS", "1")
                .run();
        Duration held = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(report.logLinesContaining("The control-service check did not answer within 1000 ms.")).isNotEmpty();
        // One second of deadline; the rest is a loaded machine's slack, far below a connect timeout.
        assertThat(held).isLessThan(Duration.ofSeconds(10));
      } finally {
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }

  /**
   * Connections the listener never accepts, until the kernel's queue is full: from then on it drops
   * a new connection's SYN, as a firewall that drops packets does, and a connect hangs.
   */
  private static List<Socket> fillAcceptQueue(ServerSocket listener) throws IOException {
    List<Socket> queued = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 300);
        queued.add(socket);
      } catch (SocketTimeoutException full) {
        socket.close();
        return queued;
      }
    }
    throw new AssertionError("The accept queue of a listener with backlog 1 never filled.");
  }
}

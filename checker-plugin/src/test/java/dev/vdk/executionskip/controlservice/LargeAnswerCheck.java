package dev.vdk.executionskip.controlservice;

import com.sun.net.httpserver.HttpServer;
import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A child JVM's main (see {@link BoundedMemoryTest}): serves, from a loopback server in the same
 * JVM, an answer of many executions, each carrying big fields that no decision reads,
 * and prints the decision of one check against it. The answer is generated while it is sent, so
 * only the client under test holds any of it.
 *
 * <p>Argument: the characters of each execution's {@code message}; as many executions as fit under
 * the client's default byte cap are sent.
 */
public final class LargeAnswerCheck {
  static final String TEAM = "team-a";
  static final String JOB = "job-a";
  static final String OTHER_ID = "job-a-1700000000-00000";

  private LargeAnswerCheck() {}

  // Every field of the published schema, filled; a decision reads only id, status and start_time.
  private static String head(int index) {
    return "{\"id\":\"job-a-1700000000-" + String.format("%05d", index) + "\",\"job_name\":\"job-a\","
        + "\"status\":\"running\",\"type\":\"scheduled\",\"start_time\":\"2023-11-14T22:13:20Z\","
        + "\"end_time\":\"e\",\"started_by\":\"s\",\"logs_url\":\"l\",\"message\":\"";
  }

  private static final byte[] TAIL =
      ("\",\"op_id\":\"o\",\"deployment\":{\"vdk_version\":\"v\",\"job_version\":\"j\","
              + "\"python_version\":\"p\",\"mode\":\"m\",\"id\":\"i\",\"enabled\":true,\"deployed_by\":\"d\","
              + "\"deployed_date\":\"d\",\"schedule\":{\"schedule_cron\":\"c\"},"
              + "\"resources\":{\"cpu_request\":0.5,\"cpu_limit\":0.5,\"memory_request\":1000,\"memory_limit\":1000}}}")
          .getBytes(StandardCharsets.UTF_8);

  // A first character beyond Latin-1 makes a decoded message take two bytes per character.
  private static final byte[] EURO = "\u20ac".getBytes(StandardCharsets.UTF_8);

  /** The bytes of one execution whose message has {@code messageChars} characters (at least 1). */
  static long executionBytes(int messageChars) {
    return head(0).length() + EURO.length + (messageChars - 1L) + TAIL.length;
  }

  static long answerBytes(int executions, int messageChars) {
    return 2L + executions * executionBytes(messageChars) + (executions - 1);
  }

  /** As many executions as fit in the client's default byte cap. */
  static int executionsUnderTheCap(int messageChars) {
    return (int) ((ControlServiceSettings.DEFAULT_MAX_ANSWER_BYTES - 1) / (executionBytes(messageChars) + 1));
  }

  public static void main(String[] args) throws Exception {
    int messageChars = Integer.parseInt(args[0]);
    int executions = executionsUnderTheCap(messageChars);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answerBytes(executions, messageChars));
      try (OutputStream out = exchange.getResponseBody()) {
        write(out, executions, messageChars);
      }
    });
    server.start();
    try {
      ControlServiceSettings settings =
          ControlServiceSettings.defaults(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
              .withRetries(0, 0, 0)
              .withCheckDeadline(Duration.ofSeconds(90));
      Decision decision =
          new ControlServiceBackend(new ControlServiceClient(settings), false)
              .tryAcquire(new ExecutionRequest(TEAM, JOB, "job-a-1700000999", "job-a-1700000999-abcde"));
      System.out.println("verdict=" + decision.verdict() + " conflicting=" + decision.conflictingExecutionId().orElse("-"));
    } finally {
      server.stop(0);
    }
  }

  /** Writes the answer as it goes, so that the server side holds next to none of it. */
  private static void write(OutputStream out, int executions, int messageChars) throws IOException {
    byte[] filler = new byte[64 * 1024];
    java.util.Arrays.fill(filler, (byte) 'm');
    out.write('[');
    for (int i = 0; i < executions; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(head(i).getBytes(StandardCharsets.UTF_8));
      out.write(EURO);
      for (long left = messageChars - 1L; left > 0; left -= filler.length) {
        out.write(filler, 0, (int) Math.min(left, filler.length));
      }
      out.write(TAIL);
    }
    out.write(']');
  }
}

package dev.vdk.executionskip.bench;

import dev.vdk.api.ExecutionResult;
import dev.vdk.api.JobContext;
import dev.vdk.api.VdkPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Optional;

/**
 * The floor under any check through Feign's default client: a plugin that makes only the check's
 * request, with the JDK's {@link HttpURLConnection} that Feign's client uses, and reads the answer
 * as bytes. No Feign, no Jackson, no thread, no deadline, no decision; one line on standard output.
 *
 * <p>{@code cold-start.sh ... jdk-none} puts it, alone, into a copy of the example job's jar
 * without the execution-skip plugin, to measure what the JDK's HTTP stack costs a cold start by
 * itself. Never part of a product jar.
 */
public final class JdkGetOnlyPlugin implements VdkPlugin {

  @Override
  public Optional<ExecutionResult> runJob(JobContext context) {
    // A StringBuilder, as the plugin's concatenations compile: an invokedynamic one would add the
    // cost of its bootstrap to the floor.
    String url =
        new StringBuilder(System.getenv("VDK_CONTROL_SERVICE_REST_API_URL"))
            .append("/data-jobs/for-team/").append(context.team())
            .append("/jobs/").append(context.jobName())
            .append("/executions?execution_status=submitted&execution_status=running")
            .toString();
    try {
      HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
      connection.setRequestProperty("Accept", "application/json");
      // A stalled stand-in fails the run instead of hanging the benchmark.
      connection.setConnectTimeout(10_000);
      connection.setReadTimeout(10_000);
      if (connection.getResponseCode() != 200) {
        throw new IllegalStateException(new StringBuilder("HTTP ").append(connection.getResponseCode()).append(" from ").append(url).toString());
      }
      try (InputStream answer = connection.getInputStream()) {
        // One line on standard output, as the job's own lines are: cold-start.sh checks that it ran.
        System.out.println(new StringBuilder("JdkGetOnlyPlugin: HTTP 200, ").append(answer.readAllBytes().length).append(" bytes"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.empty();
  }
}

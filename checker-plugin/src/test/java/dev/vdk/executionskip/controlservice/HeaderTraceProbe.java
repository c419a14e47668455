package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import java.net.URI;
import java.time.Duration;

/**
 * The main class of a child JVM that checks the Control Service at {@code args[0]} three times:
 * without a token, with an API token exchanged at {@code args[1]}, and with that API token sent as
 * the Bearer token itself. It prints each outcome on stdout.
 */
public final class HeaderTraceProbe {
  private HeaderTraceProbe() {}

  public static void main(String[] args) {
    URI restApi = URI.create(args[0]);
    URI tokenUrl = URI.create(args[1]);
    String apiToken = args[2];
    ControlServiceSettings plain =
        ControlServiceSettings.defaults(restApi).withRetries(0, 0, 0).withCheckDeadline(Duration.ofSeconds(20));
    check("without a token", plain);
    check("with an exchanged token", plain.withApiToken(apiToken, tokenUrl));
    check("with the API token as the Bearer token", plain.withApiToken(apiToken, null));
  }

  private static void check(String how, ControlServiceSettings settings) {
    try {
      long executions = new ControlServiceClient(settings).activeExecutions("team", "job").count();
      System.out.println(how + ": " + executions + " executions");
    } catch (ControlServiceException e) {
      System.out.println(how + ": refused: " + e.getMessage());
    }
  }
}

package dev.vdk.executionskip.controlservice;

import dev.vdk.api.OneLine;
import dev.vdk.executionskip.backend.Sleeper;
import dev.vdk.executionskip.backend.Deadline;
import dev.vdk.executionskip.controlservice.http.AccessTokens;
import dev.vdk.executionskip.controlservice.http.CheckRequests;
import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import dev.vdk.executionskip.controlservice.http.ControlServiceHttp;
import feign.Client;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Asks the Control Service which executions of a data job are submitted or running: the request
 * that {@link DataJobExecutionsApi} declares, sent by {@link ControlServiceHttp}.
 *
 * <p>One check is one call of {@link #activeExecutions(String, String, Deadline)}. What belongs to
 * it (its deadline, its operation id, its token) is made there and passed down as parameters, so
 * the client itself holds nothing of any check but the access token that checks share. A check
 * runs on the caller's thread; a caller that must not wait past the deadline even for a
 * connection that ignores its timeouts runs it on a thread it can abandon (the plugin does).
 */
public final class ControlServiceClient {

  private static final System.Logger LOG = System.getLogger(ControlServiceClient.class.getName());

  private final ControlServiceSettings settings;
  private final Clock clock;
  private final ControlServiceHttp http;
  private final AccessTokens tokens;
  private final ExecutionsAnswerReader answers = new ExecutionsAnswerReader();

  /** With the system clock, real sleeps and Feign's default HTTP client. */
  public ControlServiceClient(ControlServiceSettings settings) {
    this(settings, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  public ControlServiceClient(ControlServiceSettings settings, Clock clock, Sleeper sleeper) {
    this(settings, clock, sleeper, ControlServiceHttp.defaultClient(settings.verifySsl(), hosts(settings)));
  }

  /**
   * @param httpClient sends each attempt; redirects and TLS are its business, so a replacement
   *     must not follow redirects either
   */
  public ControlServiceClient(
      ControlServiceSettings settings, Clock clock, Sleeper sleeper, Client httpClient) {
    this.settings = settings;
    this.clock = clock;
    this.http = new ControlServiceHttp(settings.http(), httpClient, sleeper);
    this.tokens =
        new AccessTokens(
            settings.apiToken(), settings.tokenUrl(), settings.restApiUrl(), settings.checkDeadline(), http, clock);
  }

  /** As {@link #activeExecutions(String, String, Deadline)}, with the settings' deadline from now. */
  public ActiveExecutions activeExecutions(String team, String jobName) {
    return activeExecutions(team, jobName, Deadline.after(settings.checkDeadline(), clock));
  }

  /**
   * The submitted and running executions of job {@code jobName} of team {@code team}, as much of
   * them as a decision needs.
   *
   * @throws ControlServiceException when the Control Service cannot tell
   * @throws dev.vdk.executionskip.backend.CheckTimeoutException when {@code deadline} passes first
   */
  public ActiveExecutions activeExecutions(String team, String jobName, Deadline deadline) {
    requireName(team, "team");
    requireName(jobName, "job name");
    String operationId = CheckRequests.newOperationId();
    ActiveExecutions executions = fetch(team, jobName, deadline, operationId);
    // Written out rather than formatted: a pattern with parameters loads the JDK's locale data.
    LOG.log(
        System.Logger.Level.INFO,
        "Control Service lists " + executions.count() + " active executions of job " + jobName
            + " of team " + team + idsForLog(executions) + " (operation id " + operationId + ").");
    return executions;
  }

  /** One check's requests: the token first when one is needed, then the list. Logs nothing. */
  ActiveExecutions fetch(String team, String jobName, Deadline deadline, String operationId) {
    Optional<String> token = tokens.forCheck(deadline, operationId);
    Optional<ActiveExecutions> answer =
        http.send(
            CheckRequests.get(executionsUrl(team, jobName), operationId, token),
            ControlServiceHttp.Kind.READ,
            deadline,
            answers);
    if (answer.isEmpty()) {
      throw new ControlServiceException(
          "The Control Service answered the executions of job " + jobName + " of team " + team
              + " with an empty body instead of a JSON list.");
    }
    return answer.get();
  }

  /**
   * The URL of {@link DataJobExecutionsApi#dataJobExecutionList}, as Feign makes it from the base
   * URL: its path below the base's, the statuses as an exploded form array, then any query the
   * base URL carries.
   */
  String executionsUrl(String team, String jobName) {
    URI base = settings.restApiUrl();
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    StringBuilder url =
        new StringBuilder(base.getScheme()).append("://").append(base.getRawAuthority())
            .append(path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
            .append("/data-jobs/for-team/").append(PathSegmentExpander.encode(team))
            .append("/jobs/").append(PathSegmentExpander.encode(jobName))
            .append("/executions");
    char separator = '?';
    for (String status : DataJobExecutionsApi.ACTIVE_STATUSES) {
      url.append(separator).append("execution_status=").append(status);
      separator = '&';
    }
    if (base.getRawQuery() != null && !base.getRawQuery().isEmpty()) {
      url.append('&').append(base.getRawQuery());
    }
    return url.toString();
  }

  /** The hosts that TLS settings affect, as a warning names them. */
  private static String hosts(ControlServiceSettings settings) {
    // The token exchange goes through the same client, so its host is just as exposed.
    String hosts = "the Control Service at " + settings.restApiUrl().getHost();
    return settings.tokenUrl().isEmpty()
        ? hosts
        : hosts + " and the token endpoint at " + settings.tokenUrl().get().getHost();
  }

  private static String idsForLog(ActiveExecutions executions) {
    if (executions.isEmpty()) {
      return "";
    }
    List<DataJobExecution> listed = executions.firstListed();
    String ids =
        listed.stream()
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

package dev.vdk.executionskip.controlservice;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A WireMock extension that answers the executions query from a live registry, as the Control
 * Service does: every execution registered so far for the job, until it is ended. Like the Control
 * Service, which stamps an execution's creation time itself, the registry gives each execution its
 * start time when it registers, from a strictly increasing sequence, so the order of registration
 * and the order of start times are the same.
 */
final class ExecutionRegistry implements ResponseDefinitionTransformerV2 {
  static final String NAME = "execution-registry";
  private static final Pattern PATH = Pattern.compile("/data-jobs/for-team/([^/]+)/jobs/([^/?]+)/executions.*");

  record Registered(String id, String startTime) {}

  private static final Instant FIRST_START = Instant.parse("2026-11-28T10:00:00Z");

  private final Map<String, List<Registered>> byJob = new ConcurrentHashMap<>();
  private long registrations;

  /**
   * The Control Service creates an execution's record, stamped with its creation time, before the
   * execution starts. Synchronized so that stamping and listing happen as one step: no execution
   * is listed before one with an earlier start time.
   *
   * @return the start time given to the execution
   */
  synchronized String register(String team, String job, String id) {
    String startTime = FIRST_START.plusMillis(registrations++).toString();
    byJob.computeIfAbsent(team + "/" + job, key -> new CopyOnWriteArrayList<>()).add(new Registered(id, startTime));
    return startTime;
  }

  /** The executions of the job still listed, in the order they registered. */
  List<Registered> listed(String team, String job) {
    return List.copyOf(byJob.getOrDefault(team + "/" + job, List.of()));
  }

  /** The Control Service marked the execution ended, so it is no longer listed. */
  void end(String team, String job, String id) {
    byJob.getOrDefault(team + "/" + job, List.of()).removeIf(registered -> registered.id().equals(id));
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Matcher matcher = PATH.matcher(serveEvent.getRequest().getUrl());
    if (!matcher.matches()) {
      return ResponseDefinitionBuilder.responseDefinition().withStatus(404).build();
    }
    List<Registered> running = byJob.getOrDefault(matcher.group(1) + "/" + matcher.group(2), List.of());
    String body =
        running.stream()
            .map(r -> "{\"id\": \"" + r.id() + "\", \"status\": \"running\", \"start_time\": \"" + r.startTime() + "\"}")
            .collect(Collectors.joining(", ", "[", "]"));
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body)
        .build();
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }
}

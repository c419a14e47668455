package dev.vdk.executionskip.controlservice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One execution of a data job as the Control Service lists it (OpenAPI schema {@code
 * DataJobExecution}). Every field may be null: the check needs only {@code id}, and a field it
 * does not need must never make it fail.
 *
 * <p>For the same reason {@code start_time}, {@code end_time} and {@code deployed_date} stay
 * strings as the server sent them: an odd date format in a field the reference never reads would
 * otherwise fail the whole answer. {@link #startedAt()} parses on demand and answers empty when it
 * cannot. Enumerations ({@code status}, {@code type}, {@code mode}) are strings too, so a value
 * added to the server later is tolerated.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataJobExecution(
    @JsonProperty("id") String id,
    @JsonProperty("job_name") String jobName,
    @JsonProperty("status") String status,
    @JsonProperty("type") String type,
    @JsonProperty("start_time") String startTime,
    @JsonProperty("end_time") String endTime,
    @JsonProperty("started_by") String startedBy,
    @JsonProperty("logs_url") String logsUrl,
    @JsonProperty("message") String message,
    @JsonProperty("op_id") String opId,
    @JsonProperty("deployment") DataJobDeployment deployment) {

  /** An execution known only by its id, as most tests and decisions need it. */
  public static DataJobExecution withId(String id) {
    return new DataJobExecution(id, null, null, null, null, null, null, null, null, null, null);
  }

  /** {@code start_time} as an instant in time, or empty when it is missing or not ISO-8601. */
  public Optional<OffsetDateTime> startedAt() {
    return parseDateTime(startTime);
  }

  static Optional<OffsetDateTime> parseDateTime(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The deployment an execution ran from (OpenAPI schema {@code DataJobDeployment}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DataJobDeployment(
      @JsonProperty("vdk_version") String vdkVersion,
      @JsonProperty("job_version") String jobVersion,
      @JsonProperty("python_version") String pythonVersion,
      @JsonProperty("mode") String mode,
      @JsonProperty("id") String id,
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("deployed_by") String deployedBy,
      @JsonProperty("deployed_date") String deployedDate,
      @JsonProperty("schedule") DataJobSchedule schedule,
      @JsonProperty("resources") DataJobResources resources) {}

  /** What a deployment may use (OpenAPI schema {@code DataJobResources}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DataJobResources(
      @JsonProperty("cpu_request") Float cpuRequest,
      @JsonProperty("cpu_limit") Float cpuLimit,
      @JsonProperty("memory_request") Integer memoryRequest,
      @JsonProperty("memory_limit") Integer memoryLimit) {}

  /** When a deployment runs (OpenAPI schema {@code DataJobSchedule}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DataJobSchedule(@JsonProperty("schedule_cron") String scheduleCron) {}
}

package dev.vdk.executionskip.controlservice;

import feign.CollectionFormat;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;

/**
 * The one Control Service operation the check calls, {@code dataJobExecutionList}, declared as
 * Feign reads it: the API as documented, usable as a Feign target. The check itself sends this very
 * request without a proxy ({@link ControlServiceClient#executionsUrl}, a test pins the two
 * together): parsing this interface and making a proxy would cost a job's start more than the
 * check's call.
 *
 * <p>Team and job names are percent-encoded by {@link PathSegmentExpander}, which Feign leaves
 * alone since they are {@code %}-sequences already, and {@code decodeSlash} is off: by default
 * Feign turns {@code %2F} back into {@code /}, so a name such as {@code a/b} would silently address
 * another resource.
 */
@Headers("Accept: application/json")
public interface DataJobExecutionsApi {

  /** The statuses of an execution that has not ended yet. */
  List<String> ACTIVE_STATUSES = List.of("submitted", "running");

  /**
   * Lists recent executions of a data job, filtered by status; {@code execution_status} is an
   * exploded form-style array ({@code ?execution_status=a&execution_status=b}). The answer, a JSON
   * array of executions, is read as a stream, keeping only what a decision needs; null when the
   * body holds no JSON value at all, or JSON {@code null}.
   */
  @RequestLine(
      value =
          "GET /data-jobs/for-team/{team_name}/jobs/{job_name}/executions"
              + "?execution_status={execution_status}",
      decodeSlash = false,
      collectionFormat = CollectionFormat.EXPLODED)
  ActiveExecutions dataJobExecutionList(
      @Param(value = "team_name", expander = PathSegmentExpander.class) String teamName,
      @Param(value = "job_name", expander = PathSegmentExpander.class) String jobName,
      @Param("execution_status") List<String> executionStatus);
}

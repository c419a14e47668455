package dev.vdk.api;

import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A data job: its ordered steps and its own configuration (HOCON text, typically the job's {@code
 * job.conf}, holding at least {@code job_name} and {@code team}).
 *
 * @param steps the steps, run in this order
 * @param configText the job's config file as HOCON text; empty for none
 * @param configOrigin where that text came from, for error messages
 */
public record DataJob(List<Step> steps, String configText, String configOrigin) {

  public DataJob {
    steps = List.copyOf(steps);
    Objects.requireNonNull(configText, "configText");
    Objects.requireNonNull(configOrigin, "configOrigin");
  }

  /**
   * A job without a config file of its own. Its name and team must then come from the environment:
   * without {@code VDK_JOB_NAME} and {@code VDK_TEAM} the run ends as a user error that says so.
   * Prefer {@link #of(String, String, List)}, or {@link #withConfigResource} for a {@code job.conf}.
   */
  public static DataJob of(List<Step> steps) {
    return new DataJob(steps, "", "no job config file");
  }

  /**
   * A job with its name and team and no other config file; {@code VDK_JOB_NAME} and {@code
   * VDK_TEAM} still win over them, as over a config file.
   *
   * @throws IllegalArgumentException when the name or the team is blank
   */
  public static DataJob of(String jobName, String team, List<Step> steps) {
    requireText(jobName, "A data job needs a name");
    requireText(team, "A data job needs a team");
    String config =
        "job_name = " + ConfigUtil.quoteString(jobName) + "\nteam = " + ConfigUtil.quoteString(team) + "\n";
    return new DataJob(steps, config, "the job's name and team given in code");
  }

  private static void requireText(String value, String problem) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(problem + "; got " + (value == null ? "null" : "'" + value + "'") + ".");
    }
  }

  /** A job whose config file is a classpath resource next to {@code owner}. */
  public static DataJob withConfigResource(List<Step> steps, Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "The job config resource " + resource + " is not on the classpath next to " + owner.getName() + ".");
      }
      return new DataJob(
          steps, new String(in.readAllBytes(), StandardCharsets.UTF_8), "job config " + resource);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the job config resource " + resource + ".", e);
    }
  }
}

package dev.vdk.api;

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

  /** A job without a config file of its own. */
  public static DataJob of(List<Step> steps) {
    return new DataJob(steps, "", "no job config file");
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

package dev.vdk.testing;

import dev.vdk.api.DataJob;
import dev.vdk.api.VdkPlugin;
import dev.vdk.runtime.ConfigurationLoader;
import dev.vdk.runtime.DataJobRuntime;
import dev.vdk.runtime.RunOutcome;
import dev.vdk.runtime.RuntimeKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a data job in-process, the way a plugin author tests a plugin:
 *
 * <pre>{@code
 * JobRunReport report = JobTestKit.forJob(job)
 *     .withPlugin(new MyPlugin())
 *     .withEnvironment("VDK_LOG_CONFIG", "CLOUD")
 *     .run();
 * assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
 * }</pre>
 *
 * <p>Only the plugins given are used unless {@link #withClasspathPlugins()} is called. The process
 * environment is not read: only what {@link #withEnvironment} sets. Unless a test sets {@code
 * TERMINATION_MESSAGE_WRITER_OUTPUT_FILE}, the termination message goes to a fresh temporary file
 * that the report reads back. The process never exits: the exit code is recorded instead.
 */
public final class JobTestKit {
  private final DataJob job;
  private final DataJobRuntime.Builder runtime = DataJobRuntime.builder().withoutPluginDiscovery();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Map<String, String> config = new LinkedHashMap<>();

  private JobTestKit(DataJob job) {
    this.job = job;
  }

  public static JobTestKit forJob(DataJob job) {
    return new JobTestKit(job);
  }

  public JobTestKit withPlugin(VdkPlugin plugin) {
    runtime.plugin(plugin);
    return this;
  }

  /** Also uses the plugins that {@link java.util.ServiceLoader} finds on the test's classpath. */
  public JobTestKit withClasspathPlugins() {
    runtime.discoverPluginsIn(Thread.currentThread().getContextClassLoader());
    return this;
  }

  /** An environment variable of the simulated process, e.g. {@code VDK_LOG_CONFIG=CLOUD}. */
  public JobTestKit withEnvironment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** A configuration value that wins over the job's config file and the environment. */
  public JobTestKit withConfig(String key, String value) {
    config.put(key, value);
    return this;
  }

  public JobTestKit withClock(Clock clock) {
    runtime.clock(clock);
    return this;
  }

  /** Runs the job and reports what happened; a kit may run its job more than once. */
  public JobRunReport run() {
    AtomicInteger exitCode = new AtomicInteger(-1);
    runtime.environment(environment).processExit(exitCode::set);
    config.forEach(runtime::override);
    // As written, not as a Path: a path the test chose may be invalid, which the run reports as a
    // warning, as it would in a real process; the kit must not fail before the run starts.
    Optional<String> chosenByTest = terminationFileChosenByTest();
    // A file the kit chose is its own to clean up; one the test chose is the test's.
    Optional<Path> kitsFile = chosenByTest.isPresent() ? Optional.empty() : Optional.of(temporaryFile());
    kitsFile.ifPresent(file -> runtime.override(RuntimeKeys.TERMINATION_MESSAGE_WRITER_OUTPUT_FILE, file.toString()));
    try (LogCapture logs = LogCapture.start()) {
      RunOutcome outcome = runtime.build().run(job);
      Optional<String> terminationMessage = read(chosenByTest.orElseGet(() -> kitsFile.get().toString()));
      kitsFile.ifPresent(JobTestKit::deleteQuietly);
      return new JobRunReport(
          outcome.result(),
          exitCode.get(),
          outcome.stepsStarted(),
          outcome.hookCalls(),
          terminationMessage,
          logs.lines(),
          outcome.context());
    }
  }

  private Optional<String> terminationFileChosenByTest() {
    return ConfigurationLoader.rawValue(RuntimeKeys.TERMINATION_MESSAGE_WRITER_OUTPUT_FILE, config, environment);
  }

  private static Path temporaryFile() {
    try {
      Path file = Files.createTempFile("vdk-termination-", ".json");
      // Absent until the run writes it, so that a run that writes nothing reads back nothing.
      Files.delete(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary termination message file.", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover file in the temp folder is harmless.
    }
  }

  /** The file's content; nothing when it is absent, unreadable, or no valid path at all. */
  private static Optional<String> read(String path) {
    try {
      Path file = Path.of(path);
      return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException | InvalidPathException e) {
      return Optional.empty();
    }
  }
}

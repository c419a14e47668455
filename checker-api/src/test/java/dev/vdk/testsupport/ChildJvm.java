package dev.vdk.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one way this project's tests start a {@code java} process, as an operator would: this JVM's
 * {@code java}, in a chosen working folder, with every {@code VDK_} variable of the test's own
 * environment removed (so a developer's shell cannot change a result) and only the given ones set.
 * A test that runs the child (or a pasted shell script) to its end gets its exit code, stdout and
 * stderr apart, and never waits longer than {@link #DEADLINE}: a child that hangs is killed and the
 * test fails. A test that talks to its child while it runs {@link #start}s it instead.
 *
 * <p>Shared through this module's test jar, so that every module starts its children alike.
 *
 * @param workDir the child's working folder
 * @param environment the {@code VDK_} (and other) variables to set, over a cleaned environment
 * @param jvmOptions options before the main class or {@code -jar}, e.g. {@code -Duser.timezone=…}
 * @param launcher a command that {@code java} runs under, e.g. {@code setpriv --reuid=…}; usually none
 */
public record ChildJvm(Path workDir, Map<String, String> environment, List<String> jvmOptions, List<String> launcher) {

  /** Generous: a cold JVM on a loaded two-core machine, not the code under test, is the slow part. */
  public static final Duration DEADLINE = Duration.ofSeconds(120);

  public ChildJvm {
    environment = Map.copyOf(environment);
    jvmOptions = List.copyOf(jvmOptions);
    launcher = List.copyOf(launcher);
  }

  /** What a finished child did. */
  public record Result(int exitCode, String out, String err) {
    /** stdout, then stderr: for assertions that do not care which stream a line went to. */
    public String output() {
      return out + err;
    }
  }

  /** A child in {@code workDir} with no {@code VDK_} variable and no extra JVM option. */
  public static ChildJvm in(Path workDir) {
    return new ChildJvm(workDir, Map.of(), List.of(), List.of());
  }

  /** The same child with {@code variables} set as well (a later value wins). */
  public ChildJvm withEnvironment(Map<String, String> variables) {
    Map<String, String> merged = new LinkedHashMap<>(environment);
    merged.putAll(variables);
    return new ChildJvm(workDir, merged, jvmOptions, launcher);
  }

  public ChildJvm withEnvironment(String name, String value) {
    return withEnvironment(Map.of(name, value));
  }

  public ChildJvm withJvmOptions(String... options) {
    List<String> all = new ArrayList<>(jvmOptions);
    all.addAll(List.of(options));
    return new ChildJvm(workDir, environment, all, launcher);
  }

  /** The same child, its {@code java} started by {@code command} (for example as another user). */
  public ChildJvm runningUnder(String... command) {
    return new ChildJvm(workDir, environment, jvmOptions, List.of(command));
  }

  /** {@code java <jvmOptions> -jar <jar> <args>}, run to its end. */
  public Result runJar(Path jar, String... args) {
    List<String> javaArgs = new ArrayList<>(List.of("-jar", jar.toAbsolutePath().toString()));
    javaArgs.addAll(List.of(args));
    return run(javaArgs);
  }

  /** {@code java <jvmOptions> <javaArgs>}, run to its end within {@link #DEADLINE}. */
  public Result run(List<String> javaArgs) {
    return run(processBuilder(javaArgs), "java " + String.join(" ", javaArgs));
  }

  /**
   * A bash script, as a user pastes it, run to its end within {@link #DEADLINE}: {@code java},
   * {@code javac} and {@code jar} in it are this JVM's; it stops at the first failing command.
   * The JVM options do not apply.
   */
  public Result runShell(String script) {
    ProcessBuilder builder = withCleanEnvironment(new ProcessBuilder("bash", "-euo", "pipefail", "-c", script));
    Path jdkBin = Path.of(System.getProperty("java.home"), "bin");
    builder.environment().merge("PATH", jdkBin.toString(), (path, bin) -> bin + File.pathSeparator + path);
    return run(builder, "the script\n" + script);
  }

  private Result run(ProcessBuilder builder, String what) {
    Path streams = null;
    try {
      streams = Files.createTempDirectory("child-jvm-");
      Path out = streams.resolve("stdout");
      Path err = streams.resolve("stderr");
      // Files, not pipes: a child that writes a lot can never block on a full pipe, and waiting
      // for it needs no reader thread.
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        // The script's own children too: a hung java under bash must not outlive the test.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        throw new AssertionError(what + " did not end within " + DEADLINE
            + "; its stdout:\n" + read(out) + "\nits stderr:\n" + read(err));
      }
      return new Result(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while running " + what, e);
    } finally {
      deleteQuietly(streams);
    }
  }

  /**
   * Starts {@code java <jvmOptions> <javaArgs>} for a test that talks to the child while it runs;
   * close what it returns (try-with-resources) so that no child outlives the test.
   */
  public RunningChildJvm start(List<String> javaArgs) {
    try {
      return new RunningChildJvm(processBuilder(javaArgs).start(), "java " + String.join(" ", javaArgs));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start java " + String.join(" ", javaArgs), e);
    }
  }

  private ProcessBuilder processBuilder(List<String> javaArgs) {
    List<String> command = new ArrayList<>(launcher);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The child keeps off DNS too, if this JVM does.
    String hostsFile = System.getProperty("jdk.net.hosts.file");
    if (hostsFile != null) {
      command.add("-Djdk.net.hosts.file=" + hostsFile);
    }
    command.addAll(jvmOptions);
    command.addAll(javaArgs);
    return withCleanEnvironment(new ProcessBuilder(command));
  }

  private ProcessBuilder withCleanEnvironment(ProcessBuilder builder) {
    builder.directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.toUpperCase(Locale.ROOT).startsWith("VDK_"));
    builder.environment().putAll(environment);
    return builder;
  }

  private static String read(Path file) throws IOException {
    // Lenient: a child may print bytes that are not UTF-8.
    return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover in the temp folder is harmless.
    }
  }
}

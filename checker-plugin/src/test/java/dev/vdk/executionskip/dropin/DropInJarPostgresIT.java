package dev.vdk.executionskip.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vdk.executionskip.postgres.TestPostgres;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The postgres backend through the drop-in jar alone: the child JVMs have the framework and
 * {@code target/checker-plugin.jar} on their class path and no other PostgreSQL driver, so the
 * driver that talks to the embedded server is the relocated one the jar carries.
 */
class DropInJarPostgresIT {
  private static final Path JAR = Path.of("target", "checker-plugin.jar").toAbsolutePath();
  /** Generous: a cold JVM on a loaded two-core machine, not the lock, is the slow part. */
  private static final Duration BOUND = Duration.ofSeconds(120);

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @TempDir Path workDir;

  @Test
  void whileOneRunOfAJobIsInItsStepASecondRunIsSkipped() throws Exception {
    Process first = start("first");
    Process second = null;
    try {
      BufferedReader firstLines = output(first);
      String held = within(() -> readUntil(firstLines, HoldingDropInJob.HOLDING_LINE));
      assertThat(held).as("the first run's output").contains(HoldingDropInJob.HOLDING_LINE);

      second = start("second");
      String secondOutput = finish(second, output(second));
      assertThat(second.exitValue()).as(secondOutput).isZero();
      assertThat(terminationStatus("second")).as(secondOutput).isEqualTo("Skipped");
      assertThat(secondOutput)
          .doesNotContain(HoldingDropInJob.HOLDING_LINE)
          .contains("backend=postgres decision=skip")
          .doesNotContain(TestPostgres.PASSWORD);

      first.getOutputStream().write('\n');
      first.getOutputStream().close();
      String firstOutput = held + finish(first, firstLines);
      assertThat(first.exitValue()).as(firstOutput).isZero();
      assertThat(terminationStatus("first")).as(firstOutput).isEqualTo("Success");
    } finally {
      // Ends a child that overran its bound, and with it any read still waiting on its output.
      first.destroyForcibly();
      if (second != null) {
        second.destroyForcibly();
      }
    }
  }

  /** Starts the holding job in a child JVM with a clean VDK_ environment that picks postgres. */
  private Process start(String run) throws IOException {
    List<String> classpath = new ArrayList<>(DropInJarIT.frameworkClasspath());
    classpath.add(JAR.toString());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (System.getProperty("jdk.net.hosts.file") != null) {
      command.add("-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file"));
    }
    command.addAll(List.of(
        "-cp", String.join(File.pathSeparator, classpath), HoldingDropInJob.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.toUpperCase().startsWith("VDK_"));
    builder.environment().putAll(Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres",
        "VDK_EXECUTION_SKIP_POSTGRES_URL", postgres.jdbcUrl(),
        "VDK_EXECUTION_SKIP_POSTGRES_USER", TestPostgres.USER,
        "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", TestPostgres.PASSWORD,
        "VDK_ATTEMPT_ID", HoldingDropInJob.JOB + "-" + run + "-abcde",
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog(run).toString()));
    return builder.start();
  }

  private static BufferedReader output(Process process) {
    return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The rest of a child's output, once it has ended; both waits bounded. */
  private static String finish(Process process, BufferedReader output) throws Exception {
    String rest = within(() -> readUntil(output, null));
    assertThat(process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as(rest).isTrue();
    return rest;
  }

  /** A blocking read, given up after {@link #BOUND}. */
  private static String within(Supplier<String> read) throws Exception {
    return CompletableFuture.supplyAsync(read).get(BOUND.toSeconds(), TimeUnit.SECONDS);
  }

  /** The lines read up to and including {@code wanted}, or to the end of the output. */
  private static String readUntil(BufferedReader output, String wanted) {
    StringBuilder seen = new StringBuilder();
    try {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        seen.append(line).append('\n');
        if (line.equals(wanted)) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return seen.toString();
  }

  private Path terminationLog(String run) {
    return workDir.resolve(run + "-termination-log");
  }

  private String terminationStatus(String run) throws IOException {
    return new ObjectMapper().readTree(Files.readString(terminationLog(run))).get("status").asText();
  }
}

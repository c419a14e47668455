package dev.vdk.executionskip.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vdk.executionskip.postgres.TestPostgres;
import dev.vdk.testsupport.ChildJvm;
import dev.vdk.testsupport.RunningChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @TempDir Path workDir;

  @Test
  void whileOneRunOfAJobIsInItsStepASecondRunIsSkipped() throws Exception {
    try (RunningChildJvm first = holdingJob("first").start(javaArgs())) {
      first.awaitLine(HoldingDropInJob.HOLDING_LINE);

      ChildJvm.Result second = holdingJob("second").run(javaArgs());
      assertThat(second.exitCode()).as(second.output()).isZero();
      assertThat(terminationStatus("second")).as(second.output()).isEqualTo("Skipped");
      assertThat(second.output())
          .doesNotContain(HoldingDropInJob.HOLDING_LINE)
          .contains("backend=postgres decision=skip")
          .doesNotContain(TestPostgres.PASSWORD);

      first.send("");
      ChildJvm.Result firstRun = first.awaitExit();
      assertThat(firstRun.exitCode()).as(firstRun.output()).isZero();
      assertThat(terminationStatus("first")).as(firstRun.output()).isEqualTo("Success");
    }
  }

  /** The holding job in a child JVM with a clean VDK_ environment that picks postgres. */
  private ChildJvm holdingJob(String run) {
    return ChildJvm.in(workDir).withEnvironment(Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres",
        "VDK_EXECUTION_SKIP_POSTGRES_URL", postgres.jdbcUrl(),
        "VDK_EXECUTION_SKIP_POSTGRES_USER", TestPostgres.USER,
        "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", TestPostgres.PASSWORD,
        "VDK_ATTEMPT_ID", HoldingDropInJob.JOB + "-" + run + "-abcde",
        "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", terminationLog(run).toString()));
  }

  private static List<String> javaArgs() {
    List<String> classpath = new ArrayList<>(DropInJarIT.frameworkClasspath());
    classpath.add(JAR.toString());
    return List.of("-cp", String.join(File.pathSeparator, classpath), HoldingDropInJob.class.getName());
  }

  private Path terminationLog(String run) {
    return workDir.resolve(run + "-termination-log");
  }

  private String terminationStatus(String run) throws IOException {
    return new ObjectMapper().readTree(Files.readString(terminationLog(run))).get("status").asText();
  }
}

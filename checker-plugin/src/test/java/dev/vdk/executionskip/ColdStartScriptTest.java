package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.testsupport.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code src/jmh/cold-start.sh} measures jars that only the bench profile builds. Run after a
 * normal build it must stop at once and say how to build them, not fail halfway. It runs here in a
 * copy of the repository's layout, so that a real benchmarks.jar can never start a benchmark.
 */
class ColdStartScriptTest {
  private static final Path SCRIPT = Path.of("src", "jmh", "cold-start.sh").toAbsolutePath();

  @TempDir Path root;

  @Test
  void withoutTheBenchBuildItStopsAndSaysHowToBuild() throws Exception {
    Path script = root.resolve("checker-plugin").resolve("src").resolve("jmh").resolve("cold-start.sh");
    Files.createDirectories(script.getParent());
    Files.copy(SCRIPT, script, StandardCopyOption.COPY_ATTRIBUTES);
    // What a normal build leaves: the example job, but no benchmarks.jar.
    Path jobJar = root.resolve("example-job").resolve("target").resolve("example-job.jar");
    Files.createDirectories(jobJar.getParent());
    Files.createFile(jobJar);

    ChildJvm.Result result = ChildJvm.in(root).runShell("checker-plugin/src/jmh/cold-start.sh 7");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains("Missing checker-plugin/target/benchmarks.jar, which only the bench profile builds")
        .contains("mvn -B -q -Pbench package -DskipTests")
        .contains("run-benchmarks.sh");
  }
}

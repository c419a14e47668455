package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Memory is bounded, not only bytes: an answer just under the byte cap, made of many executions
 * with big fields that no decision reads, is decided in a JVM with a 64 MiB heap.
 */
class BoundedMemoryTest {
  /** Generous: a cold JVM with a small heap, on a loaded two-core machine. */
  private static final long CHILD_DEADLINE_SECONDS = 180;

  @TempDir Path work;

  /**
   * Two shapes of the same size: tens of thousands of full records (each field an object a
   * databind decoder would keep), and two records whose {@code message} is 8 million characters.
   */
  @ParameterizedTest(name = "messages of {0} characters")
  @ValueSource(ints = {16, 8_000_000})
  void anAnswerJustUnderTheByteCapIsDecidedInA64MiBHeap(int messageChars) throws Exception {
    long cap = ControlServiceSettings.DEFAULT_MAX_ANSWER_BYTES;
    int executions = LargeAnswerCheck.executionsUnderTheCap(messageChars);
    long bytes = LargeAnswerCheck.answerBytes(executions, messageChars);
    assertThat(bytes).isLessThanOrEqualTo(cap).isGreaterThan(cap * 9 / 10);

    Path out = work.resolve("stdout");
    Path err = work.resolve("stderr");
    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"),
                    LargeAnswerCheck.class.getName(),
                    String.valueOf(messageChars)))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!child.waitFor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor();
      fail("the child did not finish within %d s; stdout:%n%s%nstderr:%n%s", CHILD_DEADLINE_SECONDS, tail(out), tail(err));
    }

    // The JVM reports an OutOfMemoryError (exit code 3) on stdout.
    assertThat(child.exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s", tail(out), tail(err)).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8))
        .contains("verdict=SKIP conflicting=" + LargeAnswerCheck.OTHER_ID);
  }

  private static String tail(Path file) throws java.io.IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
  }
}

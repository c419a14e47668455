package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.ExecutionSkipPlugin;
import dev.vdk.executionskip.HostileText;
import dev.vdk.executionskip.TestJob;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holder's details that a lock file carries are whatever its writer put there: a skipped run
 * shows them on one line, with control characters, terminal escapes and bidi overrides escaped.
 */
class HostileLockFileTest {

  @TempDir Path lockDirectory;

  @Test
  void hostileHolderDetailsAreShownEscaped() throws Exception {
    Path lockFile = lockDirectory.toRealPath().resolve(LockFileName.of("finance", "orders"));
    String holder = "attemptId=" + HostileText.IN_A_LINE + "\nexecutionId=exec" + HostileText.IN_A_LINE
        + "\npid=1\nstartedAt=2024-01-01T00:00:00Z\nend\n";
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)));

      JobRunReport report =
          JobTestKit.forJob(TestJob.of(Step.named("load", input -> {})))
              .withPlugin(new ExecutionSkipPlugin())
              .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local")
              .withEnvironment("VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", lockDirectory.toString())
              .run();

      assertThat(report.status()).isEqualTo(ExecutionStatus.SKIPPED);
      assertThat(report.result().message()).contains("x\\rforged\\u001b[2J");
      HostileText.assertRunShownHarmlessly(report);
    }
  }
}

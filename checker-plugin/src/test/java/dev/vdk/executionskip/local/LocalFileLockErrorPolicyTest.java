package dev.vdk.executionskip.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.executionskip.ExecutionSkipPlugin;
import dev.vdk.executionskip.TestJob;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock folder or lock file that the local backend does not trust is a failed check: the run ends
 * as {@code EXECUTION_SKIP_ON_ERROR} says, and the output names the path and what is wrong.
 */
class LocalFileLockErrorPolicyTest {
  @TempDir Path temp;

  private JobTestKit kit(Path lockFolder) {
    return JobTestKit.forJob(TestJob.of(Step.named("load", input -> {})))
        .withPlugin(new ExecutionSkipPlugin())
        .withEnvironment("VDK_ATTEMPT_ID", TestJob.ATTEMPT_ID)
        .withEnvironment("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local")
        .withEnvironment("VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", lockFolder.toString());
  }

  private Path folder() throws Exception {
    return Files.createDirectory(
        temp.resolve("locks"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  private static Path lockFileIn(Path folder) {
    return folder.resolve(LockFileName.of("finance", "orders"));
  }

  @Test
  void aSymbolicLinkAsLockFileProceedsWithAWarningAndItsTargetIsNeverWritten() throws Exception {
    Path folder = folder();
    Path precious = Files.writeString(temp.resolve("precious.txt"), "keep me\n");
    Files.createSymbolicLink(lockFileIn(folder), precious);

    JobRunReport report = kit(folder).run();

    // After the run and after the release at its end.
    assertThat(Files.readString(precious, StandardCharsets.UTF_8)).isEqualTo("keep me\n");
    assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(report.stepsRun()).containsExactly("load");
    assertThat(report.logLinesContaining("WARNING"))
        .anySatisfy(line -> assertThat(line).contains(lockFileIn(folder).toString()).contains("is a symbolic link"));
    assertThat(report.logLinesContaining("decision=run-on-error")).hasSize(1);
  }

  @Test
  void aSymbolicLinkAsLockFileEndsAsPlatformErrorWhenThePolicyIsFail() throws Exception {
    Path folder = folder();
    Path precious = Files.writeString(temp.resolve("precious.txt"), "keep me\n");
    Files.createSymbolicLink(lockFileIn(folder), precious);

    JobRunReport report = kit(folder).withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "fail").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.stepsRun()).isEmpty();
    assertThat(report.result().message())
        .contains("EXECUTION_SKIP_ON_ERROR=fail")
        .contains(lockFileIn(folder).toString())
        .contains("is a symbolic link");
    assertThat(Files.readString(precious, StandardCharsets.UTF_8)).isEqualTo("keep me\n");
  }

  @Test
  void aFolderWritableByOthersEndsAsPlatformErrorWhenThePolicyIsFail() throws Exception {
    Path folder = folder();
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

    JobRunReport report = kit(folder).withEnvironment("VDK_EXECUTION_SKIP_ON_ERROR", "fail").run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.PLATFORM_ERROR);
    assertThat(report.result().message()).contains(folder.toString()).contains("is writable by others");
  }

  @Test
  void aLockFileHeldByAnotherUserIsAFailedCheckRatherThanASkipForever() throws Exception {
    assumeThat(System.getProperty("user.name")).as("chown needs root").isEqualTo("root");
    Path folder = folder();
    Path lockFile = Files.createFile(lockFileIn(folder));
    Files.setAttribute(lockFile, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    try (FileChannel theirs = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock held = theirs.lock()) {
      JobRunReport report = kit(folder).run();

      assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(report.logLinesContaining("WARNING"))
          .anySatisfy(line -> assertThat(line).contains(lockFile.toString()).contains("is owned by user nobody"));
    }
  }

  @Test
  void aRelativeFolderIsResolvedAgainstTheWorkingDirectoryWithAWarning() throws Exception {
    Path relative = Path.of("target", "relative-locks-" + UUID.randomUUID());
    Path resolved = relative.toAbsolutePath();
    try {
      JobRunReport report = kit(relative).run();

      assertThat(report.status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(resolved).isDirectory();
      assertThat(report.logLinesContaining("WARNING"))
          .anySatisfy(line -> assertThat(line)
              .contains("EXECUTION_SKIP_LOCAL_LOCK_DIR")
              .contains("relative")
              .contains(resolved.toString())
              .contains("working directory"));
    } finally {
      try (var files = Files.list(resolved)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(resolved);
    }
  }
}

package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vdk.testsupport.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's jar run by a uid that has no entry in the user database, as a container's numeric
 * {@code USER} or OpenShift's arbitrary uids run it. The local backend must still know whose lock
 * folder is whose. Needs root and {@code setpriv} (util-linux) to switch to that uid; skipped
 * elsewhere.
 */
class UidWithoutUserEntryIT {
  /** Far from the ids that distributions hand out, so that no machine has an entry for it. */
  private static final int UID = 47_113;

  private static final Path JAR = Path.of("target", "example-job.jar");

  @TempDir Path folder;

  @Test
  void theLocalBackendGuardsARunWhoseUidHasNoName() throws Exception {
    assumeTrue(isRoot(), "needs root to switch to another uid");
    Path setpriv = onPath("setpriv");
    assumeTrue(setpriv != null, "needs setpriv (util-linux)");
    assumeTrue(!hasUserEntry(UID), "uid " + UID + " has an entry in the user database here");

    // The child can reach nothing of root's: it gets a copy of the jar and a folder of its own.
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
    Path jar = Files.copy(JAR, folder.resolve("example-job.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    Path home = Files.createDirectory(folder.resolve("home"));
    Files.setAttribute(home, "unix:uid", UID);
    Files.setAttribute(home, "unix:gid", UID);
    Path locks = home.resolve("locks");

    ChildJvm.Result result =
        ChildJvm.in(home)
            .runningUnder(setpriv.toString(), "--reuid=" + UID, "--regid=" + UID, "--clear-groups")
            .withEnvironment(Map.of(
                "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
                "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", locks.toString(),
                "VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", home.resolve("termination-log").toString()))
            .runJar(jar);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.err())
        .contains("backend=local decision=run ")
        .doesNotContain("WARNING");
    assertThat(Files.getAttribute(locks, "unix:uid")).isEqualTo(UID);
  }

  private static boolean isRoot() throws IOException {
    return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
  }

  private static Path onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }

  private static boolean hasUserEntry(int uid) throws IOException, InterruptedException {
    // getent asks every source of the user database (files, LDAP, …), as the JDK does.
    Process getent = new ProcessBuilder("getent", "passwd", Integer.toString(uid)).start();
    getent.getInputStream().readAllBytes();
    if (!getent.waitFor(ChildJvm.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      getent.destroyForcibly();
      throw new AssertionError("getent passwd " + uid + " did not end within " + ChildJvm.DEADLINE);
    }
    return getent.exitValue() == 0;
  }
}

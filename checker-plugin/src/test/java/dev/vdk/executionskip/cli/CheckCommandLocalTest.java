package dev.vdk.executionskip.cli;

import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.local.LocalFileLockBackend;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command with the {@code local} backend. The holder is in this JVM: the backend keeps a
 * process-wide table of the locks it holds, so the command sees the holder exactly as a second
 * process would see it through the OS lock, and cannot drop the holder's lock by probing.
 */
class CheckCommandLocalTest extends LockProbeContract {
  @TempDir Path lockDirectory;

  @Override
  Map<String, String> environment() {
    return Map.of(
        "VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local",
        "VDK_EXECUTION_SKIP_LOCAL_LOCK_DIR", lockDirectory.toString());
  }

  @Override
  ExecutionBackend backend() {
    return new LocalFileLockBackend(lockDirectory);
  }
}

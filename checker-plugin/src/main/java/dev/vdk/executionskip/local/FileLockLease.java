package dev.vdk.executionskip.local;

import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Lease;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A held lock file: closing it clears the holder info, releases the OS lock and closes the
 * channel.
 *
 * <p>The file itself is never deleted. A next acquirer may already have opened it and be waiting
 * to lock it; if we deleted it, that acquirer would lock the old, unlinked inode while a third
 * execution creates a new file under the same name and locks that one, and both would run. An
 * empty file per job is the price of the guarantee.
 */
final class FileLockLease implements Lease {
  private static final System.Logger LOG = System.getLogger(FileLockLease.class.getName());

  private final ExecutionRequest request;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;
  private final HeldLockFiles heldInThisProcess;
  private final long fencingToken;
  private final AtomicBoolean closed = new AtomicBoolean();

  FileLockLease(
      ExecutionRequest request,
      Path lockFile,
      FileChannel channel,
      FileLock lock,
      HeldLockFiles heldInThisProcess,
      long fencingToken) {
    this.request = request;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
    this.heldInThisProcess = heldInThisProcess;
    this.fencingToken = fencingToken;
  }

  @Override
  public OptionalLong fencingToken() {
    return OptionalLong.of(fencingToken);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      // Cleared while still locked, so no reader mistakes a finished run for the running one.
      // Through the channel, i.e. the file that was checked, whatever its name points to now.
      channel.truncate(0);
      lock.release();
    } catch (IOException e) {
      LOG.log(Level.WARNING,
          "Execution {0} (attempt {1}) of job {2} of team {3} could not cleanly release the lock "
              + "file {4}; closing it releases the lock anyway.",
          request.executionId(), request.attemptId(), request.jobName(), request.team(), lockFile, e);
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING,
            "Execution {0} (attempt {1}) of job {2} of team {3} could not close the lock file {4}.",
            request.executionId(), request.attemptId(), request.jobName(), request.team(), lockFile,
            e);
      }
      // Only after the descriptor is closed may another acquire in this process open the file.
      heldInThisProcess.release(lockFile);
    }
    LOG.log(Level.DEBUG,
        "Execution {0} (attempt {1}) of job {2} of team {3} released the lock file {4}.",
        request.executionId(), request.attemptId(), request.jobName(), request.team(), lockFile);
  }
}

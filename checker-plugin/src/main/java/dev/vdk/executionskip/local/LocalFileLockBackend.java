package dev.vdk.executionskip.local;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The {@code local} backend: an OS file lock per team and job in a lock directory, for executions
 * that share one machine (and its file system).
 *
 * <p>The lock belongs to the process, so the OS frees it when the process ends however it ends: a
 * killed run never blocks the next one. After acquiring, the holder writes its attempt id,
 * execution id, pid and start time into the lock file, so that a skipped execution can say who is
 * in its way. Within one JVM, a second acquire of a lock the process holds is a skip too.
 *
 * <p>Not for network file systems: whether NFS or SMB honour {@code fcntl} locks across machines
 * depends on the server and mount options.
 */
public final class LocalFileLockBackend implements ExecutionBackend {
  /** The name users select this backend by. */
  public static final String NAME = "local";

  private static final System.Logger LOG = System.getLogger(LocalFileLockBackend.class.getName());

  private final Path lockDirectory;
  private final Clock clock;
  private final LongSupplier pid;
  private final HeldLockFiles heldInThisProcess;

  /** A backend with the system clock, this process's pid and the process-wide lock table. */
  public LocalFileLockBackend(Path lockDirectory) {
    this(lockDirectory, Clock.systemUTC(), () -> ProcessHandle.current().pid(),
        HeldLockFiles.PROCESS_WIDE);
  }

  LocalFileLockBackend(
      Path lockDirectory, Clock clock, LongSupplier pid, HeldLockFiles heldInThisProcess) {
    this.lockDirectory = Objects.requireNonNull(lockDirectory, "lockDirectory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pid = Objects.requireNonNull(pid, "pid");
    this.heldInThisProcess = Objects.requireNonNull(heldInThisProcess, "heldInThisProcess");
  }

  /** Where lock files go when nothing else is configured: {@code vdk-execution-locks} in the temp dir. */
  public static Path defaultLockDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"), "vdk-execution-locks");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Decision tryAcquire(ExecutionRequest request) throws IOException {
    Files.createDirectories(lockDirectory);
    // The real path, so that two spellings of one directory (a symlink, "a/../b") meet in the
    // process-wide table.
    Path lockFile = lockDirectory.toRealPath().resolve(LockFileName.of(request.team(), request.jobName()));
    if (!heldInThisProcess.tryReserve(lockFile)) {
      Optional<LockHolder> holder = heldInThisProcess.holderOf(lockFile);
      return skip(request, lockFile, holder, "in this process");
    }
    try {
      return acquireReserved(request, lockFile);
    } catch (IOException | RuntimeException | Error e) {
      heldInThisProcess.release(lockFile);
      throw e;
    }
  }

  private Decision acquireReserved(ExecutionRequest request, Path lockFile) throws IOException {
    FileChannel channel = FileChannel.open(lockFile, CREATE, READ, WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Someone in this JVM locked the file without going through the table. Treat it as held; see
      // HeldLockFiles for why closing our channel below may weaken their lock.
      LOG.log(Level.WARNING,
          "The lock file {0} of job {1} of team {2} is locked in this process outside the "
              + "execution-skip backend; execution {3} (attempt {4}) is skipped.",
          lockFile, request.jobName(), request.team(), request.executionId(), request.attemptId());
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      Optional<LockHolder> holder;
      try (channel) {
        // Read through our own descriptor: opening another one would not hurt here (this process
        // holds no lock on the file), but there is no need for it.
        holder = LockHolder.parse(readAll(channel));
      } finally {
        heldInThisProcess.release(lockFile);
      }
      return skip(request, lockFile, holder, "by another process");
    }
    LockHolder me = new LockHolder(
        request.attemptId(), request.executionId(), pid.getAsLong(), clock.instant());
    try {
      writeHolder(channel, me);
    } catch (IOException | RuntimeException e) {
      // The lock itself is ours; without holder info a skipped execution only cannot say who runs.
      LOG.log(Level.WARNING,
          "Execution {0} (attempt {1}) of job {2} of team {3} holds the lock file {4} but could not "
              + "write its holder info into it.",
          request.executionId(), request.attemptId(), request.jobName(), request.team(), lockFile, e);
    }
    heldInThisProcess.recordHolder(lockFile, me);
    LOG.log(Level.DEBUG,
        "Execution {0} (attempt {1}) of job {2} of team {3} holds the lock file {4}.",
        request.executionId(), request.attemptId(), request.jobName(), request.team(), lockFile);
    return Decision.run(
        "No other execution of job " + request.jobName() + " of team " + request.team()
            + " holds the local lock " + lockFile + ", so execution " + request.executionId()
            + " (attempt " + request.attemptId() + ") runs.",
        new FileLockLease(request, lockFile, channel, lock, heldInThisProcess));
  }

  private static Decision skip(
      ExecutionRequest request, Path lockFile, Optional<LockHolder> holder, String where) {
    String who = holder
        .map(LockHolder::describe)
        .orElse("an execution that has not written its holder info yet");
    LOG.log(Level.DEBUG,
        "Execution {0} (attempt {1}) of job {2} of team {3} is skipped: the lock file {4} is held "
            + "{5} by {6}.",
        request.executionId(), request.attemptId(), request.jobName(), request.team(), lockFile,
        where, who);
    return Decision.skip(
        "Job " + request.jobName() + " of team " + request.team() + " is already running: its "
            + "local lock " + lockFile + " is held " + where + " by " + who + ".",
        holder.map(LockHolder::executionId).orElse(null),
        holder.map(LockHolder::startedAt).orElse(null));
  }

  private static String readAll(FileChannel channel) throws IOException {
    // The holder info is a few hundred bytes; anything larger is not ours and is cut, then rejected.
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // keep reading: a read may return fewer bytes than are there
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  private static void writeHolder(FileChannel channel, LockHolder holder) throws IOException {
    // Truncate first: a shorter text must not leave the tail of the previous holder's behind.
    channel.truncate(0);
    ByteBuffer text = ByteBuffer.wrap(holder.toFileText().getBytes(StandardCharsets.UTF_8));
    while (text.hasRemaining()) {
      channel.write(text, text.position());
    }
    channel.force(false);
  }
}

package dev.vdk.executionskip.local;

import dev.vdk.executionskip.backend.Decision;
import dev.vdk.executionskip.backend.ExecutionBackend;
import dev.vdk.executionskip.backend.ExecutionRequest;
import dev.vdk.executionskip.backend.Holder;
import dev.vdk.executionskip.local.LockFileOpener.Opened;
import dev.vdk.executionskip.local.LockPathTrust.TrustedFolder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
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
 * <p>The folder and the lock file are checked before each use (see {@link LockPathTrust}): the
 * default folder is private to the user that runs the job, no link is ever followed, and nothing
 * is written to a file that has not passed the checks. A folder or file that fails them is a
 * failed check ({@link LockPathRejectedException}), so the error policy applies.
 *
 * <p>Each execution that takes the lock also moves the job's {@link FencingCounter} on by one, and
 * its lease carries the new value as its fencing token.
 *
 * <p>Not for network file systems: whether NFS or SMB honour {@code fcntl} locks across machines
 * depends on the server and mount options.
 */
public final class LocalFileLockBackend implements ExecutionBackend {
  private static final System.Logger LOG = System.getLogger(LocalFileLockBackend.class.getName());

  private final LockFolder lockFolder;
  private final LockPathTrust trust;
  private final LockFileOpener opener;
  private final FencingCounter counter;
  private final Clock clock;
  private final LongSupplier pid;
  private final HeldLockFiles heldInThisProcess;

  /**
   * A backend over a lock folder (a relative path is resolved against the working directory), as
   * the user that runs this process, with the system clock, this process's pid and the
   * process-wide lock table.
   */
  public LocalFileLockBackend(Path lockDirectory) {
    this(lockDirectory, Clock.systemUTC(), () -> ProcessHandle.current().pid(), HeldLockFiles.PROCESS_WIDE);
  }

  LocalFileLockBackend(Path lockDirectory, Clock clock, LongSupplier pid, HeldLockFiles heldInThisProcess) {
    this(LockFolder.at(lockDirectory), OsUser.current(), clock, pid, heldInThisProcess);
  }

  LocalFileLockBackend(
      LockFolder lockFolder, OsUser user, Clock clock, LongSupplier pid, HeldLockFiles heldInThisProcess) {
    this.lockFolder = Objects.requireNonNull(lockFolder, "lockFolder");
    this.trust = new LockPathTrust(Objects.requireNonNull(user, "user"));
    this.opener = new LockFileOpener(trust);
    this.counter = new FencingCounter(opener);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pid = Objects.requireNonNull(pid, "pid");
    this.heldInThisProcess = Objects.requireNonNull(heldInThisProcess, "heldInThisProcess");
  }

  /**
   * Where lock files go when nothing else is configured: {@code vdk-execution-locks-<uid>} in the
   * system temp folder, private to that user.
   */
  public static Path defaultLockDirectory() {
    return LockFolder.defaultPath();
  }

  @Override
  public String name() {
    return LocalFileLockProvider.NAME;
  }

  @Override
  public Decision tryAcquire(ExecutionRequest request) throws IOException {
    TrustedFolder folder = trust.folder(lockFolder);
    // The real path, so that two spellings of one folder ("a/../b", a link among its parents) meet
    // in the process-wide table.
    Path lockFile = folder.realPath().resolve(LockFileName.of(request.team(), request.jobName()));
    if (!heldInThisProcess.tryReserve(lockFile)) {
      Optional<LockHolder> holder = heldInThisProcess.holderOf(lockFile);
      return skip(request, lockFile, holder, "in this process");
    }
    try {
      return acquireReserved(request, lockFile, folder);
    } catch (IOException | RuntimeException | Error e) {
      heldInThisProcess.release(lockFile);
      throw e;
    }
  }

  private Decision acquireReserved(ExecutionRequest request, Path lockFile, TrustedFolder folder)
      throws IOException {
    Opened opened = opener.open(lockFile, folder);
    FileChannel channel = opened.channel();
    FileLock lock;
    try {
      lock = tryLock(request, lockFile, channel);
      // Before anything is read or written: is what we opened (and maybe locked) what we checked?
      // Closing the channel on failure drops the lock again.
      opener.confirm(lockFile, opened, folder);
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
    long token;
    try {
      token = counter.next(FencingCounter.besides(lockFile), folder);
    } catch (IOException | RuntimeException e) {
      // Without a token the run could not fence its writes: a failed check. Closing the channel
      // gives the lock back; the caller then frees the file in this process's table.
      channel.close();
      throw e;
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
            + " (attempt " + request.attemptId() + ") runs with fencing token " + token + ".",
        new FileLockLease(request, lockFile, channel, lock, heldInThisProcess, token));
  }

  /** The OS lock, or null when another process (or this JVM, outside the table) holds it. */
  private static FileLock tryLock(ExecutionRequest request, Path lockFile, FileChannel channel)
      throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Someone in this JVM locked the file without going through the table. Treat it as held; see
      // HeldLockFiles for why closing our channel below may weaken their lock.
      LOG.log(Level.WARNING,
          "The lock file {0} of job {1} of team {2} is locked in this process outside the "
              + "execution-skip backend; execution {3} (attempt {4}) is skipped.",
          lockFile, request.jobName(), request.team(), request.executionId(), request.attemptId());
      return null;
    }
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
        new Holder(
            holder.map(LockHolder::executionId),
            Optional.of(Holder.RUNNING),
            holder.map(h -> h.startedAt().toString()),
            holder.map(h -> "pid " + h.pid() + " on this machine")));
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

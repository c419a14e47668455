package dev.vdk.executionskip.backend;

import static org.assertj.core.api.Assertions.fail;

import dev.vdk.testsupport.ChildJvm;
import dev.vdk.testsupport.RunningChildJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link BackendWorker} in a child JVM, seen from the test: send it a command, wait for its
 * answer. Waiting is on the child's output (an event), bounded by {@link ChildJvm#DEADLINE}, which
 * only a broken child reaches.
 */
public final class WorkerProcess implements AutoCloseable {
  private final RunningChildJvm child;

  private WorkerProcess(RunningChildJvm child) {
    this.child = child;
  }

  /** Starts a worker with this test JVM's class path. */
  public static WorkerProcess start(List<String> workerArgs, Map<String, String> environment) {
    List<String> javaArgs = new ArrayList<>(List.of(
        // Small and quick to start: eight of these share two cores.
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx64m",
        "-cp", System.getProperty("java.class.path"),
        BackendWorker.class.getName()));
    javaArgs.addAll(workerArgs);
    return new WorkerProcess(
        ChildJvm.in(Path.of("").toAbsolutePath()).withEnvironment(environment).start(javaArgs));
  }

  public long pid() {
    return child.pid();
  }

  public void send(String command) {
    child.send(command);
  }

  /** The worker's next line of output; fails the test if it ends or stays silent too long. */
  public String nextLine() {
    return child.nextLine();
  }

  public void expect(String expected) {
    String line = nextLine();
    if (!line.equals(expected)) {
      fail("worker %d said '%s' where '%s' was expected", pid(), line, expected);
    }
  }

  /** Kills the worker the way a crash would (SIGKILL: no shutdown hooks) and waits until it is gone. */
  public void kill() {
    child.kill();
  }

  /** Ends the worker by closing its input, as a finished run would end; kills it if it lingers. */
  @Override
  public void close() throws InterruptedException {
    child.closeInput();
    if (!child.endsWithin(ChildJvm.DEADLINE)) {
      child.kill();
    }
  }
}

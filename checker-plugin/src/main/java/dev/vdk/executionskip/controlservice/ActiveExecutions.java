package dev.vdk.executionskip.controlservice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the check keeps of the Control Service's list of a job's submitted and running executions:
 * how many there were, the first few in the order listed (for logs and the operator command), and
 * the few records that any decision over the list needs. It never grows with the answer, so an
 * answer of any length is decided in the same small memory.
 *
 * <p>Built while the answer is read ({@link ExecutionsAnswerReader}), or from a list already in
 * memory ({@link #of}).
 */
public final class ActiveExecutions {

  /** How many executions are kept in the order listed. */
  public static final int LISTED_KEPT = 10;

  /**
   * A run's own record has at most two ids ({@link OwnRecord}), so the first execution that is not
   * the run's own is the first listed with the first, second or third id seen: keeping the first
   * record of each of the first three ids is enough to find it, whoever asks. The same holds of
   * the first execution without a readable start that is not the run's own.
   */
  private static final int FIRST_OF_EACH_ID_KEPT = 3;

  private static final Comparator<String> ID = Comparator.nullsLast(Comparator.naturalOrder());

  private long count;
  private final List<DataJobExecution> firstListed = new ArrayList<>(LISTED_KEPT);
  private final List<DataJobExecution> firstOfEachId = new ArrayList<>(FIRST_OF_EACH_ID_KEPT);
  private final List<DataJobExecution> firstWithoutStartOfEachId = new ArrayList<>(FIRST_OF_EACH_ID_KEPT);
  private DataJobExecution oldest;
  /** {@code oldest}'s start, parsed once: parsing is the costly part of ranking a long answer. */
  private Instant oldestStart;

  ActiveExecutions() {}

  /** What the check keeps of {@code executions}, a list already in memory. */
  public static ActiveExecutions of(Collection<DataJobExecution> executions) {
    ActiveExecutions active = new ActiveExecutions();
    executions.forEach(active::add);
    return active;
  }

  /** Takes the next execution in the order listed. */
  void add(DataJobExecution execution) {
    count++;
    if (firstListed.size() < LISTED_KEPT) {
      firstListed.add(execution);
    }
    keepFirstOfItsId(firstOfEachId, execution);
    Instant start =
        oldest != null && Objects.equals(execution.startTime(), oldest.startTime())
            ? oldestStart
            : execution.startedAt().map(OffsetDateTime::toInstant).orElse(null);
    if (start == null) {
      keepFirstOfItsId(firstWithoutStartOfEachId, execution);
      return;
    }
    // Strictly older only: of equals, the first listed stays, as a stable sort would keep it.
    if (oldest == null || isOlder(start, execution.id(), oldestStart, oldest.id())) {
      oldest = execution;
      oldestStart = start;
    }
  }

  private static void keepFirstOfItsId(List<DataJobExecution> kept, DataJobExecution execution) {
    if (kept.size() < FIRST_OF_EACH_ID_KEPT && !hasId(kept, execution.id())) {
      kept.add(execution);
    }
  }

  private static boolean isOlder(Instant start, String id, Instant thanStart, String thanId) {
    int byStart = start.compareTo(thanStart);
    return byStart < 0 || byStart == 0 && ID.compare(id, thanId) < 0;
  }

  private static boolean hasId(List<DataJobExecution> executions, String id) {
    for (DataJobExecution execution : executions) {
      if (Objects.equals(execution.id(), id)) {
        return true;
      }
    }
    return false;
  }

  /** How many executions the Control Service listed. */
  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** The first {@link #LISTED_KEPT} executions, in the order listed. */
  public List<DataJobExecution> firstListed() {
    return List.copyOf(firstListed);
  }

  /** How many listed executions {@link #firstListed()} leaves out. */
  public long notKept() {
    return count - firstListed.size();
  }

  /**
   * The first listed execution that is not {@code own}: what the reference decision skips for.
   *
   * @throws IllegalArgumentException when one it compares has no id or a blank one
   */
  public Optional<DataJobExecution> firstConflict(OwnRecord own) {
    return firstNotOwn(firstOfEachId, own);
  }

  private static Optional<DataJobExecution> firstNotOwn(List<DataJobExecution> executions, OwnRecord own) {
    for (DataJobExecution execution : executions) {
      if (!own.matches(execution.id())) {
        return Optional.of(execution);
      }
    }
    return Optional.empty();
  }

  /**
   * The first listed execution that is not {@code own} and whose start cannot be read ({@link
   * DataJobExecution#startedAt()} is empty): one that oldest-wins cannot show to be younger.
   *
   * @throws IllegalArgumentException when one it compares has no id or a blank one
   */
  public Optional<DataJobExecution> firstWithoutStart(OwnRecord own) {
    return firstNotOwn(firstWithoutStartOfEachId, own);
  }

  /**
   * The oldest listed execution by {@code (start_time, id)} of those whose start can be read, if
   * any was listed.
   */
  public Optional<DataJobExecution> oldest() {
    return Optional.ofNullable(oldest);
  }
}

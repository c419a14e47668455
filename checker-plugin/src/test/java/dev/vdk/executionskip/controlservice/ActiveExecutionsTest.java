package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What is kept of a long list is enough for every decision, and no more than a few records. */
class ActiveExecutionsTest {

  private static DataJobExecution started(String id, String startTime) {
    return new DataJobExecution(id, "running", startTime, null);
  }

  @Test
  void findsTheFirstConflictBehindAnyNumberOfTheRunsOwnRecordsUnderBothOfItsIds() {
    OwnRecord own = new OwnRecord("run-7", "retry-3-abcde");
    List<DataJobExecution> listed = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      listed.add(DataJobExecution.withId(i % 2 == 0 ? "run-7" : "retry-3"));
    }
    listed.add(DataJobExecution.withId("other-1"));
    listed.add(DataJobExecution.withId("other-2"));

    assertThat(ActiveExecutions.of(listed).firstConflict(own)).map(DataJobExecution::id).contains("other-1");
  }

  @Test
  void keepsTheFirstTenInOrderAndCountsTheRest() {
    ActiveExecutions active =
        ActiveExecutions.of(IntStream.range(0, 25).mapToObj(i -> DataJobExecution.withId("e-" + i)).toList());

    assertThat(active.count()).isEqualTo(25);
    assertThat(active.firstListed()).extracting(DataJobExecution::id)
        .containsExactly("e-0", "e-1", "e-2", "e-3", "e-4", "e-5", "e-6", "e-7", "e-8", "e-9");
    assertThat(active.notKept()).isEqualTo(15);
  }

  @Test
  void theOldestIsFoundWhereverItIsListed() {
    List<DataJobExecution> listed = new ArrayList<>();
    IntStream.range(0, 100).forEach(i -> listed.add(started("late-" + i, "2023-11-14T22:13:20Z")));
    listed.add(started("earliest", "2023-11-14T22:13:19.5+00:00"));
    listed.add(started("also-late", "2023-11-14T23:13:20+01:00"));

    assertThat(ActiveExecutions.of(listed).oldest()).map(DataJobExecution::id).contains("earliest");
  }

  @Test
  void ofEqualStartsTheSmallerIdIsOlderAndOnlyReadableStartsAreRanked() {
    ActiveExecutions active =
        ActiveExecutions.of(List.of(
            started("b", null), started("c", "2023-11-14T22:13:20Z"), started("a", "2023-11-14T22:13:20Z"),
            started("0", "yesterday")));

    assertThat(active.oldest()).map(DataJobExecution::id).contains("a");
  }

  @Test
  void findsTheFirstExecutionWithoutAReadableStartBehindAnyNumberOfTheRunsOwnRecords() {
    OwnRecord own = new OwnRecord("run-7", "retry-3-abcde");
    List<DataJobExecution> listed = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      listed.add(started(i % 2 == 0 ? "run-7" : "retry-3", i % 3 == 0 ? null : "not a time"));
    }
    listed.add(started("dated", "2023-11-14T22:13:20Z"));
    listed.add(started("undated-1", null));
    listed.add(started("undated-2", "2023-11-14 22:13:20"));

    assertThat(ActiveExecutions.of(listed).firstWithoutStart(own)).map(DataJobExecution::id).contains("undated-1");
  }

  @Test
  void anEmptyListHasNoConflictAndNoOldest() {
    ActiveExecutions active = ActiveExecutions.of(List.of());

    assertThat(active.isEmpty()).isTrue();
    assertThat(active.firstConflict(OwnRecord.ofAttempt("x-1-abcde"))).isEmpty();
    assertThat(active.oldest()).isEmpty();
    assertThat(active.firstWithoutStart(OwnRecord.ofAttempt("x-1-abcde"))).isEmpty();
  }
}

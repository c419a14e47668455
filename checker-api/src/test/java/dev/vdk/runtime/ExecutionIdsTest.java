package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExecutionIdsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_627_588_257L), ZoneOffset.UTC);
  private static final UUID UUID_ = UUID.fromString("0b6a1c4e-1f2a-4e0b-9a57-5b9f3d6a2c11");

  private static ExecutionIds derive(Optional<String> executionId, Optional<String> attemptId) {
    return ExecutionIds.derive(executionId, attemptId, CLOCK, new Random(7), () -> UUID_);
  }

  @Test
  void usesBothIdsAsGiven() {
    assertThat(derive(Optional.of("exec-1"), Optional.of("attempt-xyz")))
        .isEqualTo(new ExecutionIds("exec-1", "attempt-xyz"));
  }

  @Test
  void derivesTheAttemptIdFromTheExecutionIdWithFiveRandomCharacters() {
    ExecutionIds ids = derive(Optional.of("job-latest-1627588257426"), Optional.empty());

    assertThat(ids.executionId()).isEqualTo("job-latest-1627588257426");
    assertThat(ids.attemptId()).matches("job-latest-1627588257426-[a-z0-9]{5}");
  }

  @Test
  void derivesTheExecutionIdByDroppingTheAttemptIdsLastSegment() {
    ExecutionIds ids = derive(Optional.empty(), Optional.of("mzhivkov-test-job3-latest-1627588257426-b1027-2sd5c"));

    assertThat(ids.executionId()).isEqualTo("mzhivkov-test-job3-latest-1627588257426-b1027");
  }

  @Test
  void generatesUuidEpochSecondsAndSuffixWhenNeitherIsGiven() {
    ExecutionIds ids = derive(Optional.empty(), Optional.empty());

    assertThat(ids.attemptId()).matches(UUID_ + "-1627588257-[a-z0-9]{5}");
    assertThat(ids.executionId()).isEqualTo(UUID_ + "-1627588257");
    assertThat(ids.attemptId()).startsWith(ids.executionId());
  }
}

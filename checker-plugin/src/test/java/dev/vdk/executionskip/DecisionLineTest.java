package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.Configuration;
import dev.vdk.api.JobContext;
import dev.vdk.api.LogConfig;
import dev.vdk.api.RunControl;
import dev.vdk.api.StateStore;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DecisionLineTest {
  private static JobContext context(String job) {
    return new JobContext(job, "finance", "e-1", "e-1-abcde", LogConfig.CLOUD, new Configuration(Map.of(), Map.of()), new StateStore(), new RunControl());
  }

  @Test
  void rendersEveryFieldAsKeyValue() {
    String line = new DecisionLine(context("orders"), "local", "skip", "held by pid 42", Optional.of("e-0"), 7).render();

    assertThat(line)
        .isEqualTo(
            "execution_skip_decision job=orders team=finance attempt_id=e-1-abcde backend=local"
                + " decision=skip reason=\"held by pid 42\" conflicting_id=e-0 duration_ms=7"
                + " fencing_token=-");
  }

  @Test
  void showsTheRunsFencingTokenWhenTheBackendGaveOne() {
    String line =
        new DecisionLine(context("orders"), "postgres-lease", "run", "free", Optional.empty(), 5, OptionalLong.of(42))
            .render();

    assertThat(line).endsWith(" conflicting_id=- duration_ms=5 fencing_token=42");
  }

  @Test
  void quotesAndEscapesValuesThatWouldBreakTheForm() {
    String line =
        new DecisionLine(context("my job=\"x\""), "local", "run", "line\nbreak", Optional.empty(), 0).render();

    assertThat(line).contains("job=\"my job=\\\"x\\\"\"").contains("reason=\"line\\nbreak\"").contains("conflicting_id=-");
  }

  @Test
  void staysOneLineWhateverAnIdOrAReasonHolds() {
    String line =
        new DecisionLine(context("orders"), "local", "skip", "held by\r\nexecution_skip_decision decision=run",
                Optional.of("id\u001b[2J\u009b\u202e"), 3)
            .render();

    assertThat(line)
        .contains("reason=\"held by\\r\\nexecution_skip_decision decision=run\"")
        .contains("conflicting_id=\"id\\u001b[2J\\u009b\\u202e\"")
        .doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
  }
}

package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.Configuration;
import dev.vdk.api.JobContext;
import dev.vdk.api.LogConfig;
import dev.vdk.api.RunControl;
import dev.vdk.api.StateStore;
import java.util.Map;
import java.util.Optional;
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
                + " decision=skip reason=\"held by pid 42\" conflicting_id=e-0 duration_ms=7");
  }

  @Test
  void quotesAndEscapesValuesThatWouldBreakTheForm() {
    String line =
        new DecisionLine(context("my job=\"x\""), "local", "run", "line\nbreak", Optional.empty(), 0).render();

    assertThat(line).contains("job=\"my job=\\\"x\\\"\"").contains("reason=\"line break\"").contains("conflicting_id=-");
  }
}

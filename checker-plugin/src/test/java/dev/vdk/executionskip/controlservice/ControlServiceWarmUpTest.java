package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.testing.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * The warm-up that the plugin runs in the background while a job starts leaves no trace in the
 * run's output: it logs nothing, at any level, the JDK's own HTTP trace included.
 */
class ControlServiceWarmUpTest {

  @Test
  void warmingUpLogsNothing() throws Exception {
    try (LogCapture logs = LogCapture.start()) {
      ControlServiceWarmUp.run();

      assertThat(logs.lines()).isEmpty();
    }
  }
}

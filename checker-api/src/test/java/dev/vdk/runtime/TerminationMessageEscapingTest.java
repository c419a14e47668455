package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.LogConfig;
import org.junit.jupiter.api.Test;

/** The termination message is valid JSON with no raw control, terminal or bidi character. */
class TerminationMessageEscapingTest {

  @Test
  void aVersionWithControlCharactersIsWrittenEscaped() {
    String version = "1.0\r\n\u001b[2J\u009b\u202e\u2028\"\\";

    String message =
        new TerminationMessageWriter(true, "unused", version, LogConfig.CLOUD).message(ExecutionStatus.SKIPPED);

    assertThat(message).doesNotContainPattern("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
    assertThat(message).isEqualTo(
        "{\"vdk_version\": \"1.0\\r\\n\\u001b[2J\\u009b\\u202e\\u2028\\\"\\\\\", \"status\": \"Skipped\"}");
  }
}

package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionResult;
import dev.vdk.api.HookOrder;
import dev.vdk.api.JobContext;
import dev.vdk.api.Order;
import dev.vdk.api.VdkPlugin;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The runtime's line that says how a run ended is one line, and holds no secret that a plugin
 * declared, whatever the plugin put in the result's message and cause.
 */
class EndOfRunLineTest {
  private static final String SECRET = "tok en/\"é";
  private static final String HOSTILE = "held by x\r\nforged line\u001b[2J\u009b\u202eesrever";

  @HookOrder(Order.TRY_FIRST)
  static final class Ending implements VdkPlugin {
    private final ExecutionResult result;

    Ending(ExecutionResult result) {
      this.result = result;
    }

    @Override
    public void vdkConfigure(ConfigurationBuilder builder) {
      builder.addSensitive("MY_TOKEN", null, "a token");
    }

    @Override
    public Optional<ExecutionResult> runJob(JobContext context) {
      return Optional.of(result);
    }
  }

  private static JobRunReport run(ExecutionResult result) {
    return JobTestKit.forJob(new DataJob(List.of(), "job_name = j\nteam = t", "job.conf"))
        .withPlugin(new Ending(result))
        .withEnvironment("VDK_MY_TOKEN", SECRET)
        .run();
  }

  private static String endLine(JobRunReport report) {
    return report.logLinesContaining("ended with status").get(0);
  }

  @Test
  void aHostileSkipReasonEndsTheRunOnOneLine() {
    String line = endLine(run(ExecutionResult.skipped(HOSTILE)));

    assertThat(line)
        .contains("held by x\\r\\nforged line\\u001b[2J\\u009b\\u202eesrever")
        .doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
  }

  @Test
  void aDeclaredSecretInTheMessageOrTheCauseIsHidden() {
    String encoded = java.net.URLEncoder.encode(SECRET, java.nio.charset.StandardCharsets.UTF_8);
    JobRunReport report = run(ExecutionResult.platformError(
        "refused " + SECRET, new IllegalStateException("echo " + encoded + "\nand more")));

    assertThat(endLine(report))
        .contains("refused ****")
        .contains("echo ****\\nand more")
        .doesNotContain(SECRET)
        .doesNotContain(encoded);
  }
}

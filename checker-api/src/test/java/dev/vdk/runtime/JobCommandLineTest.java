package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.DataJob;
import dev.vdk.api.VdkPlugin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobCommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private final VdkPlugin plugin =
      new VdkPlugin() {
        @Override
        public void vdkConfigure(ConfigurationBuilder builder) {
          builder.add("MY_KEY", 42, "What my key means.").addSensitive("MY_SECRET", "hunter2", "A password.");
        }
      };

  private int execute(String... args) {
    return execute(Map.of(), args);
  }

  private int execute(Map<String, String> environment, String... args) {
    DataJobRuntime.Builder runtime =
        DataJobRuntime.builder().withoutPluginDiscovery().plugin(plugin).environment(environment);
    return JobCommandLine.execute(
        new DataJob(List.of(), "job_name = j\nteam = t", "job.conf"),
        args,
        runtime,
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void configHelpListsEveryDeclaredKeyWithDefaultAndDescription() {
    int exitCode = execute("config-help");

    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(exitCode).isZero();
    assertThat(help)
        .contains("MY_KEY", "default: 42", "What my key means.")
        .contains("LOG_CONFIG", "default: LOCAL")
        .contains("TERMINATION_MESSAGE_WRITER_OUTPUT_FILE", "/dev/termination-log")
        .contains("MY_SECRET", "(secret, not shown)")
        .doesNotContain("hunter2");
  }

  @Test
  void configHelpNamesThePluginThatDeclaredEachKey() {
    execute("config-help");

    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help.substring(help.indexOf("MY_KEY"))).contains("declared by: " + plugin.getClass().getName());
    assertThat(help.substring(help.indexOf("LOG_CONFIG"))).contains("declared by: " + RuntimeKeys.class.getName());
  }

  @Test
  void configHelpShowsTheValueInEffectAndWhereItCameFromButNeverASecret() {
    execute(Map.of("VDK_MY_KEY", "7", "VDK_MY_SECRET", "s3cr3t-value"), "config-help");

    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help)
        .contains("in effect: 7 (from environment variable VDK_MY_KEY)")
        .contains("in effect: LOCAL (from the default of LOG_CONFIG)")
        .contains("in effect: j (from job.conf")
        .contains("in effect: (a secret, not shown; from environment variable VDK_MY_SECRET)")
        .doesNotContain("s3cr3t-value")
        .doesNotContain("hunter2");
  }

  @Test
  void hooksPrintsEachHooksImplementationsInTheOrderTheyAreCalled() {
    int exitCode = execute("hooks");

    assertThat(exitCode).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .contains(
            "vdkConfigure: dev.vdk.runtime.RuntimeKeys (try-first), " + plugin.getClass().getName() + " (normal)",
            "initializeJob: (none)",
            "runJob: the job's steps",
            "vdkExit: (none)");
  }

  @Test
  void anUnknownCommandPrintsUsageAndExitsTwo() {
    assertThat(execute("launch")).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Unknown command 'launch'").contains("config-help");
  }
}

package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.DataJob;
import dev.vdk.api.VdkPlugin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobCommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path classpathEntry;

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
    return execute(DataJobRuntime.builder().withoutPluginDiscovery().plugin(plugin).environment(environment), args);
  }

  private int execute(DataJobRuntime.Builder runtime, String... args) {
    return JobCommandLine.execute(
        new DataJob(List.of(), "job_name = j\nteam = t", "job.conf"),
        args,
        runtime,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
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
  void anUnknownCommandPrintsUsageOnStderrAndExitsTwo() {
    assertThat(execute("launch")).isEqualTo(2);
    assertThat(err()).contains("Unknown command 'launch'").contains("config-help");
    assertThat(out()).isEmpty();
  }

  @Test
  void helpGoesToStdoutAndExitsZero() {
    assertThat(execute("--help")).isZero();
    assertThat(out()).contains("config-help");
    assertThat(err()).isEmpty();
  }

  /** As a run does: a bad setting is the user's to fix, exit code 1, one line, no stack trace. */
  @Test
  void aConfigurationErrorOfConfigHelpIsOneLineOnStderrWithTheUserErrorExitCode() {
    Path missing = Path.of("no-such-folder", "nope.conf");

    int exitCode = execute(Map.of("VDK_JOB_CONFIG", missing.toString()), "config-help");

    assertThat(exitCode).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err().lines()).singleElement(as(STRING))
        .startsWith("config-help failed with a User error (exit code 1): ")
        .contains("JOB_CONFIG", missing.toAbsolutePath().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"config-help", "hooks"})
  void aPluginThatCannotBeLoadedIsOneLineOnStderrWithThePlatformErrorExitCode(String command) throws Exception {
    Files.createDirectories(classpathEntry.resolve("META-INF/services"));
    Files.writeString(
        classpathEntry.resolve("META-INF/services/" + VdkPlugin.class.getName()), "no.such.MissingPlugin\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classpathEntry.toUri().toURL()}, getClass().getClassLoader())) {
      int exitCode = execute(DataJobRuntime.builder().discoverPluginsIn(loader).environment(Map.of()), command);

      assertThat(exitCode).isEqualTo(3);
      assertThat(out()).isEmpty();
      assertThat(err().lines()).singleElement(as(STRING))
          .startsWith(command + " failed with a Platform error (exit code 3): ")
          .contains("no.such.MissingPlugin");
    }
  }

  @Test
  void aPluginThatFailsToDeclareItsKeysIsAPlatformErrorOfConfigHelp() {
    VdkPlugin failing =
        new VdkPlugin() {
          @Override
          public void vdkConfigure(ConfigurationBuilder builder) {
            throw new IllegalStateException("cannot declare\nmy keys");
          }
        };

    int exitCode =
        execute(DataJobRuntime.builder().withoutPluginDiscovery().plugin(failing).environment(Map.of()), "config-help");

    assertThat(exitCode).isEqualTo(3);
    assertThat(err().lines()).singleElement(as(STRING)).contains("cannot declare\\nmy keys");
  }
}

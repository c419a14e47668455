package dev.vdk.executionskip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.SpiedBackends;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the command says about itself, and what it does with a command line it cannot use. */
class CheckCommandUsageTest {
  private final InProcessCommand command = new InProcessCommand();

  @Test
  void helpExplainsArgumentsExitCodesBackendsAndKeys() {
    InProcessCommand.Result result = command.run(Map.of(), "--help");

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains("Usage: java -jar checker-plugin.jar check --team TEAM --job JOB [--attempt-id ID] [--json]")
        .contains("--attempt-id ID", "synthetic attempt", "--json")
        .contains("0   an execution starting now would run", "10  it would be skipped", "2   could not check")
        .contains("momentary probe", "whatever LOG_CONFIG says")
        .contains("(local, postgres, postgres-lease)")
        .contains("EXECUTION_SKIP_CHECKER_BACKEND", "CONTROL_SERVICE_REST_API_URL", "API_TOKEN",
            "EXECUTION_SKIP_LOCAL_LOCK_DIR", "EXECUTION_SKIP_POSTGRES_URL", "EXECUTION_SKIP_POSTGRES_PASSWORD",
            "EXECUTION_SKIP_LEASE_TTL_SECONDS", "EXECUTION_SKIP_POSTGRES_TABLE");
  }

  @Test
  void helpSpeaksOnlyOfTheConfigurationTheCommandReads() {
    String help = command.run(Map.of(), "--help").out();

    assertThat(help)
        .doesNotContainIgnoringCase("job's config file")
        .doesNotContainIgnoringCase("job config file")
        .contains("VDK_<KEY> environment variables", "VDK_JOB_CONFIG")
        .contains("EXECUTION_SKIP_CHECKER_BACKEND", "CONTROL_SERVICE_REST_API_URL");
  }

  @Test
  void theKeysListedAreOnlyThoseTheCommandReads() {
    String help = command.run(Map.of(), "check", "--help").out();
    String keyTable = help.substring(help.indexOf("Configuration keys"));

    assertThat(keyTable).doesNotContain("EXECUTION_SKIP_WAIT_SECONDS", "EXECUTION_SKIP_ON_ERROR",
        "EXECUTION_SKIP_CHECKER_ENABLED");
  }

  @Test
  void helpNeverShowsASecretFromTheEnvironment() {
    InProcessCommand.Result result = command.run(Map.of("VDK_API_TOKEN", "secret-token-value"), "-h");

    assertThat(result.out()).doesNotContain("secret-token-value");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "run",
      "check",
      "check --team t",
      "check --job j",
      "check --team t --job",
      "check --team t --job j --bogus",
      "check --team t --job j --team u",
      "check --team= --job j",
      "check --team t --job j --json=yes",
      "check --team t --job j extra",
      "check --team t --job -h",
      "check --team --help --job j",
      "check --team t --job j --attempt-id -h",
      "check --team t --job --json"})
  void aCommandLineItCannotUseIsExitCodeTwoWithOneLine(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");

    InProcessCommand.Result result = command.run(Map.of(), args);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("vdk-check: ").endsWith("Run with --help for usage.\n");
    assertThat(result.err().strip()).doesNotContain("\n");
  }

  @Test
  void theErrorNamesTheMissingArgument() {
    assertThat(command.run(Map.of(), "check", "--job", "j").err()).contains("--team is required.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-h", "--help", "--json", "--team"})
  void aFlagWhereAValueBelongsIsAUsageErrorNamingTheOption(String flag) {
    InProcessCommand.Result result = command.run(Map.of(), "check", "--team", "t", "--job", flag);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).as("no help, no answer").isEmpty();
    assertThat(result.err()).contains("--job").contains("'" + flag + "'");
  }

  @Test
  void aValueThatStartsWithADashCanBeGivenAfterAnEqualsSign() {
    InProcessCommand.Result result = command.run(Map.of(), "check", "--team=t", "--job=-h");

    // Past the arguments: it fails on the missing URL, not on the command line.
    assertThat(result.err()).contains("could not check job -h of team t");
  }

  @ParameterizedTest
  @ValueSource(strings = {"linkage", "stack", "memory"})
  void anErrorWhileCheckingIsExitCodeTwoWithOneLine(String kind) {
    SpiedBackends throwing =
        new SpiedBackends(() -> {
          throw switch (kind) {
            case "linkage" -> new NoClassDefFoundError("feign/Feign");
            case "stack" -> new StackOverflowError();
            default -> new OutOfMemoryError("Java heap space");
          };
        });

    InProcessCommand.Result result =
        command.run(throwing.providers(), Map.of("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "local"), "check", "--team", "t", "--job", "j");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("vdk-check: could not check job j of team t: ");
    assertThat(result.err().strip()).doesNotContain("\n");
  }

  @Test
  void valuesMayFollowAnEqualsSign() {
    InProcessCommand.Result result = command.run(Map.of(), "check", "--team=t", "--job=j");

    // Past the arguments: it fails on the missing URL, not on the command line.
    assertThat(result.err()).contains("could not check job j of team t");
  }
}

package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.ConfigKey;
import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.DataJob;
import dev.vdk.api.ExecutionStatus;
import dev.vdk.api.Step;
import dev.vdk.testing.JobRunReport;
import dev.vdk.testing.JobTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config file from outside the job's jar, named by {@code JOB_CONFIG}: it sits between the job's
 * own config file and the environment, so an operator can change a deployed job without a rebuild.
 */
class ExternalJobConfigTest {
  private static final List<ConfigKey> DECLARED =
      new ConfigurationBuilder()
          .add("LAYERED", "from-default", "A key set in every layer.")
          .add("ONLY_IN_JOB", null, "A key only the job's own file sets.")
          .add("WITHOUT_VALUE", null, "A key nobody sets.")
          .keys();
  private static final DataJob JOB =
      new DataJob(List.of(), "layered = from-job-file\nonly_in_job = kept", "job config /job.conf");

  @TempDir Path folder;

  private Path file(String name, String hocon) throws Exception {
    return Files.writeString(folder.resolve(name), hocon);
  }

  private static Configuration load(Map<String, String> environment, Map<String, String> overrides) {
    return ConfigurationLoader.load(DECLARED, JOB, environment, overrides);
  }

  @Test
  void theFileWinsOverTheJobsOwnFileKeyByKey() throws Exception {
    Path external = file("etl.conf", "layered = from-external-file\n");

    Configuration config = load(Map.of("VDK_JOB_CONFIG", external.toString()), Map.of());

    assertThat(config.getString("LAYERED")).isEqualTo("from-external-file");
    assertThat(config.origin("LAYERED")).hasValueSatisfying(origin -> assertThat(origin).contains(external.toString()));
    assertThat(config.getString("ONLY_IN_JOB")).isEqualTo("kept");
  }

  @Test
  void theEnvironmentAndOverridesWinOverTheFile() throws Exception {
    Path external = file("etl.conf", "layered = from-external-file\n");

    assertThat(load(Map.of("VDK_JOB_CONFIG", external.toString(), "VDK_LAYERED", "from-env"), Map.of())
            .getString("LAYERED"))
        .isEqualTo("from-env");
    assertThat(load(Map.of(), Map.of("JOB_CONFIG", external.toString(), "LAYERED", "from-override"))
            .getString("LAYERED"))
        .isEqualTo("from-override");
  }

  @Test
  void anOverrideNamesTheFileToo() throws Exception {
    Path external = file("etl.conf", "layered = from-external-file\n");

    assertThat(load(Map.of(), Map.of("job_config", external.toString())).getString("LAYERED"))
        .isEqualTo("from-external-file");
  }

  @Test
  void aBlankValueNamesNoFile() {
    assertThat(load(Map.of("VDK_JOB_CONFIG", " "), Map.of()).getString("LAYERED")).isEqualTo("from-job-file");
  }

  @Test
  void aMissingFileIsAnErrorNamingTheKeyWhereItCameFromAndTheFullPath() {
    Path missing = folder.resolve("absent.conf");

    assertThatThrownBy(() -> load(Map.of("VDK_JOB_CONFIG", missing.toString()), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("JOB_CONFIG")
        .hasMessageContaining("environment variable VDK_JOB_CONFIG")
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void aRelativePathIsResolvedAgainstTheWorkingFolderAndTheErrorSaysSo() {
    Path resolved = Path.of("no-such-folder", "etl.conf").toAbsolutePath();

    assertThatThrownBy(() -> load(Map.of("VDK_JOB_CONFIG", "no-such-folder/etl.conf"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'no-such-folder/etl.conf'")
        .hasMessageContaining(resolved.toString());
  }

  @Test
  void aFolderInsteadOfAFileIsAnErrorNamingTheKeyAndThePath() {
    assertThatThrownBy(() -> load(Map.of("VDK_JOB_CONFIG", folder.toString()), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("JOB_CONFIG")
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("not a regular file");
  }

  @Test
  void invalidHoconInTheFileNamesTheFile() throws Exception {
    Path broken = file("broken.conf", "layered = {\n");

    assertThatThrownBy(() -> load(Map.of("VDK_JOB_CONFIG", broken.toString()), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(broken.toString())
        .hasMessageContaining("not valid HOCON");
  }

  @Test
  void aMissingValueSaysItCanBeSetInTheFileToo() {
    assertThatThrownBy(() -> load(Map.of(), Map.of()).getString("WITHOUT_VALUE"))
        .hasMessageContaining("WITHOUT_VALUE has no value")
        .hasMessageContaining("VDK_WITHOUT_VALUE")
        .hasMessageContaining("the job's config file")
        .hasMessageContaining("JOB_CONFIG");
  }

  @Test
  void withoutAJobConfigFileTheMissingValueMessageDoesNotOfferOne() {
    Configuration config = ConfigurationLoader.load(DECLARED, DataJob.of(List.of()), Map.of(), Map.of());

    assertThatThrownBy(() -> config.getString("WITHOUT_VALUE"))
        .hasMessageContaining("VDK_WITHOUT_VALUE")
        .hasMessageContaining("JOB_CONFIG")
        .hasMessageNotContaining("the job's config file");
  }

  @Test
  void aRunWithAMissingFileEndsAsAUserErrorBeforeAnyStep() {
    Path missing = folder.resolve("absent.conf");
    Step step = Step.named("one", input -> {});

    JobRunReport report =
        JobTestKit.forJob(new DataJob(List.of(step), "job_name = j\nteam = t", "job.conf"))
            .withEnvironment("VDK_JOB_CONFIG", missing.toString())
            .run();

    assertThat(report.status()).isEqualTo(ExecutionStatus.USER_ERROR);
    assertThat(report.result().message()).contains("JOB_CONFIG").contains(missing.toString());
    assertThat(report.stepsRun()).isEmpty();
  }

  /** It would be read too late to take effect, and config-help would show it as if it had. */
  @Test
  void aConfigFileThatNamesAnotherConfigFileIsRefusedNamingTheVariableToUse() throws Exception {
    Path other = file("other.conf", "layered = from-other-file\n");
    Path external = file("etl.conf", "job_config = \"" + other + "\"\n");
    DataJob naming = new DataJob(List.of(), "JOB_CONFIG = \"" + other + "\"\n", "job config /job.conf");

    assertThatThrownBy(() -> load(Map.of("VDK_JOB_CONFIG", external.toString()), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("JOB_CONFIG")
        .hasMessageContaining(external.toString())
        .hasMessageContaining("set it with the environment variable VDK_JOB_CONFIG");
    assertThatThrownBy(() -> ConfigurationLoader.load(DECLARED, naming, Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("JOB_CONFIG")
        .hasMessageContaining("job config /job.conf")
        .hasMessageContaining("VDK_JOB_CONFIG");
  }

  @Test
  void configHelpListsTheKey() {
    String help = ConfigHelp.render(
        DataJobRuntime.builder().withoutPluginDiscovery().environment(Map.of()).build()
            .configuration(JOB).declaredKeys());

    assertThat(help).contains("JOB_CONFIG");
  }
}

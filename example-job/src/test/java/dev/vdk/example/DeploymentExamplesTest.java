package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.api.ConfigKey;
import dev.vdk.runtime.DataJobRuntime;
import dev.vdk.runtime.RuntimeKeys;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The container and CronJob examples are valid and agree with the job: deploy/kubernetes/ read
 * into Kubernetes' own types with no unknown field, and example-job/Dockerfile read as text.
 * (kubectl validates only against a cluster's schema; where one is at hand,
 * {@code kubectl apply --dry-run=server -f deploy/kubernetes/} checks the files there too.)
 */
class DeploymentExamplesTest {
  private static final Path KUBERNETES = Path.of("..", "deploy", "kubernetes");
  private static final Path DOCKERFILE = Path.of("Dockerfile");
  /** Not a name that {@code kubectl apply -f <folder>} reads, so applying the folder never overwrites a real Secret. */
  private static final String SECRET_EXAMPLE = "secret.yaml.example";

  private CronJob cronJob;
  private ConfigMap configMap;
  private Secret secret;
  private Container container;

  @BeforeEach
  void readTheManifests() throws Exception {
    cronJob = StrictKubernetesYaml.read(KUBERNETES.resolve("cronjob.yaml"), CronJob.class);
    configMap = StrictKubernetesYaml.read(KUBERNETES.resolve("configmap.yaml"), ConfigMap.class);
    secret = StrictKubernetesYaml.read(KUBERNETES.resolve(SECRET_EXAMPLE), Secret.class);
    assertThat(pod().getContainers()).hasSize(1);
    container = pod().getContainers().get(0);
  }

  @Test
  void eachManifestIsTheKindItSaysAtAServedApiVersion() {
    assertThat(List.of(cronJob.getApiVersion(), cronJob.getKind())).containsExactly("batch/v1", "CronJob");
    assertThat(List.of(configMap.getApiVersion(), configMap.getKind())).containsExactly("v1", "ConfigMap");
    assertThat(List.of(secret.getApiVersion(), secret.getKind())).containsExactly("v1", "Secret");
  }

  @Test
  void theJobWritesItsTerminationMessageWhereKubernetesReadsIt() {
    String file = configMap.getData().get("VDK_" + RuntimeKeys.TERMINATION_MESSAGE_WRITER_OUTPUT_FILE);

    assertThat(container.getTerminationMessagePath()).isNotBlank().isEqualTo(file);
    assertThat(configMap.getData().getOrDefault("VDK_" + RuntimeKeys.TERMINATION_MESSAGE_WRITER_ENABLED, "true"))
        .isEqualTo("true");
  }

  @Test
  void theSettingsComeFromTheConfigMapAndEverySecretFromTheSecretByReference() {
    assertThat(container.getEnvFrom()).singleElement()
        .satisfies(source -> assertThat(source.getConfigMapRef().getName()).isEqualTo(configMap.getMetadata().getName()));
    Set<String> secrets = declaredSecrets();
    List<EnvVar> secretVariables =
        container.getEnv().stream().filter(variable -> secrets.contains(variable.getName())).toList();

    assertThat(secretVariables).extracting(EnvVar::getName).contains("VDK_EXECUTION_SKIP_POSTGRES_PASSWORD");
    assertThat(secretVariables).allSatisfy(variable -> {
      assertThat(variable.getValue()).as(variable.getName()).isNull();
      assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
      assertThat(secret.getStringData()).containsKey(variable.getValueFrom().getSecretKeyRef().getKey());
    });
  }

  /**
   * A self-managed CronJob needs a backend that sees executions started by anyone: the Control
   * Service lists only executions it created itself.
   */
  @Test
  void theConfigMapChoosesThePostgresBackendAndTheJobGetsEverySettingItNeeds() throws Exception {
    Set<String> set = new HashSet<>(configMap.getData().keySet());
    container.getEnv().forEach(variable -> set.add(variable.getName()));

    assertThat(configMap.getData()).containsEntry("VDK_EXECUTION_SKIP_CHECKER_BACKEND", "postgres");
    assertThat(set).contains(
        "VDK_EXECUTION_SKIP_POSTGRES_URL", "VDK_EXECUTION_SKIP_POSTGRES_USER", "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD");
    // The comments, as one line of prose.
    String cronJobComments = Files.readString(KUBERNETES.resolve("cronjob.yaml")).replaceAll("\\s*\\n\\s*#\\s*", " ");
    assertThat(cronJobComments)
        .contains("control-service")
        .contains("only against executions that the Control Service itself started");
  }

  @Test
  void applyingTheFolderAppliesNoSecret() throws Exception {
    List<Path> applied;
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      // The files that kubectl apply -f <folder> reads.
      applied = files.filter(file -> file.getFileName().toString().matches(".*\\.(yaml|yml|json)")).toList();
    }

    assertThat(applied).extracting(file -> file.getFileName().toString())
        .containsExactlyInAnyOrder("configmap.yaml", "cronjob.yaml");
    assertThat(KUBERNETES.resolve(SECRET_EXAMPLE)).exists();
  }

  @Test
  void thePodGetsNoServiceAccountToken() {
    // The job never talks to the Kubernetes API; a mounted token would only be something to steal.
    assertThat(pod().getAutomountServiceAccountToken()).isFalse();
  }

  /** A misspelt key would be ignored by the job; a secret in a ConfigMap is readable by many. */
  @Test
  void everySettingIsAKeyTheJobDeclaresAndNoSecretIsInTheConfigMap() {
    Set<String> variables = declaredKeys().stream().map(ConfigKey::environmentVariable).collect(Collectors.toSet());
    Set<String> secrets = declaredSecrets();

    assertThat(configMap.getData().keySet()).isNotEmpty().allSatisfy(key -> assertThat(variables).contains(key));
    assertThat(container.getEnv()).extracting(EnvVar::getName).isNotEmpty()
        .allSatisfy(name -> assertThat(variables).contains(name));
    assertThat(secrets).contains("VDK_API_TOKEN", "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD");
    assertThat(configMap.getData().keySet()).doesNotContainAnyElementsOf(secrets);
  }

  @Test
  void theCronJobForbidsOverlapAndSaysWhyThePluginIsNeededBeyondThat() throws Exception {
    String manifest = Files.readString(KUBERNETES.resolve("cronjob.yaml"));

    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(manifest).contains("manual runs", "reruns", "other schedulers", "two CronJobs of one job");
  }

  @Test
  void theImageRunsTheBuiltJarAsTheNonRootUserThePodExpects() throws Exception {
    String dockerfile = Files.readString(DOCKERFILE);
    Matcher copy = Pattern.compile("(?m)^COPY target/example-job\\.jar (\\S+)$").matcher(dockerfile);
    Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);
    Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]$").matcher(dockerfile);

    assertThat(copy.find()).as("COPY of the built jar").isTrue();
    assertThat(user.find()).as("a numeric USER").isTrue();
    assertThat(entrypoint.find()).as("ENTRYPOINT in exec form").isTrue();
    assertThat(entrypoint.group(1)).contains("\"-jar\", \"" + copy.group(1) + "\"");
    long uid = Long.parseLong(user.group(1));
    assertThat(uid).isPositive();
    // An entry in the user database for that uid, so that logs can name the user.
    assertThat(dockerfile).containsPattern("useradd [^\n]*--uid " + uid + " ");
    assertThat(pod().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod().getSecurityContext().getRunAsUser()).isEqualTo(uid);
    assertThat(pod().getSecurityContext().getRunAsGroup()).isEqualTo(Long.parseLong(user.group(2)));
    // The job's data folder is the one the image prepares, and writable although the root file
    // system is read-only.
    String dataDir = envOf(dockerfile, "VDK_EXAMPLE_DATA_DIR");
    assertThat(configMap.getData()).containsEntry("VDK_EXAMPLE_DATA_DIR", dataDir);
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains(dataDir, "/tmp");
  }

  private static List<ConfigKey> declaredKeys() {
    return DataJobRuntime.builder().build().configuration(ExampleJob.create()).declaredKeys();
  }

  private static Set<String> declaredSecrets() {
    return declaredKeys().stream().filter(ConfigKey::sensitive).map(ConfigKey::environmentVariable)
        .collect(Collectors.toSet());
  }

  private PodSpec pod() {
    return cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
  }

  private static String envOf(String dockerfile, String name) {
    Matcher env = Pattern.compile("(?m)^ENV " + name + "=(\\S+)$").matcher(dockerfile);
    assertThat(env.find()).as("ENV %s in the Dockerfile", name).isTrue();
    return env.group(1);
  }
}

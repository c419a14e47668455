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
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

  private CronJob cronJob;
  private ConfigMap configMap;
  private Secret secret;
  private Container container;

  @BeforeEach
  void readTheManifests() throws Exception {
    cronJob = StrictKubernetesYaml.read(KUBERNETES.resolve("cronjob.yaml"), CronJob.class);
    configMap = StrictKubernetesYaml.read(KUBERNETES.resolve("configmap.yaml"), ConfigMap.class);
    secret = StrictKubernetesYaml.read(KUBERNETES.resolve("secret.yaml"), Secret.class);
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
  void theSettingsComeFromTheConfigMapAndTheTokenFromTheSecret() {
    assertThat(container.getEnvFrom()).singleElement()
        .satisfies(source -> assertThat(source.getConfigMapRef().getName()).isEqualTo(configMap.getMetadata().getName()));
    EnvVar token = container.getEnv().stream()
        .filter(variable -> variable.getName().equals("VDK_API_TOKEN"))
        .findFirst()
        .orElseThrow();
    assertThat(token.getValue()).isNull();
    assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
    assertThat(secret.getStringData()).containsKey(token.getValueFrom().getSecretKeyRef().getKey());
  }

  /** A misspelt key would be ignored by the job; a secret in a ConfigMap is readable by many. */
  @Test
  void everySettingIsAKeyTheJobDeclaresAndNoSecretIsInTheConfigMap() {
    List<ConfigKey> declared = DataJobRuntime.builder().build().configuration(ExampleJob.create()).declaredKeys();
    Set<String> variables = declared.stream().map(ConfigKey::environmentVariable).collect(Collectors.toSet());
    Set<String> secrets = declared.stream()
        .filter(ConfigKey::sensitive)
        .map(ConfigKey::environmentVariable)
        .collect(Collectors.toSet());

    assertThat(configMap.getData().keySet()).isNotEmpty().allSatisfy(key -> assertThat(variables).contains(key));
    assertThat(container.getEnv()).extracting(EnvVar::getName).allSatisfy(name -> assertThat(variables).contains(name));
    assertThat(secrets).contains("VDK_API_TOKEN");
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

  private PodSpec pod() {
    return cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
  }

  private static String envOf(String dockerfile, String name) {
    Matcher env = Pattern.compile("(?m)^ENV " + name + "=(\\S+)$").matcher(dockerfile);
    assertThat(env.find()).as("ENV %s in the Dockerfile", name).isTrue();
    return env.group(1);
  }
}

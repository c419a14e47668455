package dev.vdk.executionskip;

import dev.vdk.api.ConfigKey;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.executionskip.backend.BackendProvider;
import dev.vdk.runtime.RuntimeKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/configuration.md} from the keys as the code declares them: the framework's,
 * the plugin's own, then each backend's. {@link ConfigurationReferenceTest} fails when the
 * committed page differs, so the page cannot drift from the code.
 */
final class ConfigurationReference {
  static final String REGENERATE =
      "mvn -B -q -pl checker-plugin -am test -Dtest=ConfigurationReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.write=true";

  private ConfigurationReference() {}

  static String render() {
    BackendProviders backends = BackendProviders.discover();
    List<ConfigKey> plugin = declared(builder -> new ExecutionSkipKeys(backends).declare(builder));
    Set<String> backendKeys =
        backends.all().stream()
            .flatMap(provider -> declared(provider::declare).stream())
            .map(ConfigKey::name)
            .collect(Collectors.toSet());
    StringBuilder page = new StringBuilder();
    page.append("<!-- Generated from the declared keys; do not edit. After changing a key, regenerate with:\n")
        .append("     ").append(REGENERATE).append(" -->\n")
        .append("# Configuration reference\n\n")
        .append("Each key's value comes from the highest of five layers: an explicit override (an\n")
        .append("embedding program, the test kit); the environment variable `VDK_<KEY>`; the HOCON file\n")
        .append("that `VDK_JOB_CONFIG` names ([operations.md](operations.md#configure)); the job's own\n")
        .append("config file (`job.conf`, HOCON, in its jar); the key's default. Keys are case-insensitive.\n")
        .append("A blank value means unset, as in VDK: the layer below applies, and in the end the default.\n\n")
        .append("Durations take seconds (`30`), a number with a unit (`500ms`, `30s`, `5m`, `1h`) or\n")
        .append("ISO-8601 (`PT30S`). Booleans take `true`/`false`, `yes`/`no` or `1`/`0`, in any case. A bad\n")
        .append("value is an error that names the key, the value, where it came from and what is accepted:\n\n")
        .append("```\n")
        .append("Configuration key EXECUTION_SKIP_CHECKER_ENABLED has the invalid value 'maybe' (from environment")
        .append(" variable VDK_EXECUTION_SKIP_CHECKER_ENABLED); expected a boolean: true/false, yes/no or 1/0")
        .append(" (any case).\n")
        .append("```\n\n")
        .append("A bad setting of the plugin ends the run as a User error, whatever `EXECUTION_SKIP_ON_ERROR`\n")
        .append("says ([reliability.md](reliability.md#policies)). A job's `config-help` command prints\n")
        .append("these keys, and a job's own (the example job's `EXAMPLE_…`), with the value in effect, where\n")
        .append("it came from and the plugin that declared it; a secret's value is never printed.\n");
    section(page, "The job (framework)", "Read by the runtime for every job.", declared(new RuntimeKeys()::declare));
    section(page, "The execution-skip plugin", "Read by the plugin whichever backend is selected.",
        plugin.stream().filter(key -> !backendKeys.contains(key.name())).toList());
    for (BackendProvider provider : backends.all()) {
      section(page, "Backend `" + provider.name() + "`",
          Character.toUpperCase(provider.summary().charAt(0)) + provider.summary().substring(1)
              + ". Read only when `EXECUTION_SKIP_CHECKER_BACKEND=" + provider.name() + "`.",
          declared(provider::declare));
    }
    return page.toString();
  }

  /** Where the page lives, from this module's folder. */
  static Path page() {
    return Path.of("..", "docs", "configuration.md");
  }

  private static List<ConfigKey> declared(Consumer<ConfigurationBuilder> declaring) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    declaring.accept(builder);
    return builder.keys();
  }

  private static void section(StringBuilder page, String title, String intro, List<ConfigKey> keys) {
    page.append("\n## ").append(title).append("\n\n").append(intro).append("\n\n")
        .append("| Key | Default | Meaning |\n")
        .append("|---|---|---|\n");
    for (ConfigKey key : keys) {
      page.append("| `").append(key.name()).append("` | ")
          .append(key.defaultValue().map(ConfigurationReference::machineFree).map(v -> v.isEmpty() ? "(empty)" : "`" + v + "`")
              .orElse("(none)"))
          .append(" | ").append(cell(key.description()))
          .append(key.sensitive() ? " Secret: never printed." : "")
          .append(" |\n");
    }
  }

  /** A default in this machine's temp folder (the local lock folder) in general terms. */
  private static String machineFree(String value) {
    String temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString();
    if (!value.startsWith(temp)) {
      return value;
    }
    // The folder ends with the uid of whoever runs the job, e.g. vdk-execution-locks-1000.
    return "<temp folder>" + value.substring(temp.length()).replaceAll("-[^-/]+$", "-<uid>");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}

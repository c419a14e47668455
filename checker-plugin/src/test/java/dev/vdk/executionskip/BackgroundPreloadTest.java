package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The background preload starts only for a run whose environment already says that it checks the
 * Control Service: a run with the check off, a LOCAL run or another backend must not pay for it.
 */
class BackgroundPreloadTest {

  @ParameterizedTest(name = "LOG_CONFIG={0}, ENABLED={1}, BACKEND={2}: {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "CLOUD, -,     -,               true",
        "cloud, true,  control-service, true",
        "CLOUD, -,     ' ',             true",
        "-,     -,     -,               false",
        "LOCAL, -,     -,               false",
        "CLOUD, false, -,               false",
        "CLOUD, No,    -,               false",
        "CLOUD, -,     local,           false",
        "CLOUD, -,     postgres,        false",
      })
  void startsOnlyWhenTheEnvironmentSaysTheControlServiceIsChecked(
      String logConfig, String enabled, String backend, boolean expected) {
    Map<String, String> environment = new java.util.HashMap<>(Map.of("PATH", "/usr/bin"));
    if (logConfig != null) {
      environment.put("VDK_LOG_CONFIG", logConfig);
    }
    if (enabled != null) {
      environment.put("vdk_execution_skip_checker_enabled", enabled);
    }
    if (backend != null) {
      environment.put("VDK_EXECUTION_SKIP_CHECKER_BACKEND", backend);
    }

    assertThat(BackgroundPreload.warmUpExpected(environment, BackendProviders.discover()).isPresent())
        .isEqualTo(expected);
  }
}

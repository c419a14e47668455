package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.backend.BackendProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The background preload starts only for a run whose environment already says that it checks, and
 * then for the backend that will check: a run with the check off, a LOCAL run with the
 * control-service backend, must not pay for it.
 */
class BackgroundPreloadTest {

  @ParameterizedTest(name = "LOG_CONFIG={0}, ENABLED={1}, BACKEND={2}: {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "CLOUD, -,     -,               control-service",
        "cloud, true,  control-service, control-service",
        "CLOUD, -,     ' ',             control-service",
        "-,     -,     -,               -",
        "LOCAL, -,     -,               -",
        "CLOUD, false, -,               -",
        "CLOUD, No,    -,               -",
        "LOCAL, -,     local,           local",
        "-,     -,     POSTGRES,        postgres",
        "CLOUD, -,     no-such-backend, -",
      })
  void startsOnlyForTheBackendThatTheEnvironmentSaysWillCheck(
      String logConfig, String enabled, String backend, String expected) {
    Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin"));
    if (logConfig != null) {
      environment.put("VDK_LOG_CONFIG", logConfig);
    }
    if (enabled != null) {
      environment.put("vdk_execution_skip_checker_enabled", enabled);
    }
    if (backend != null) {
      environment.put("VDK_EXECUTION_SKIP_CHECKER_BACKEND", backend);
    }

    BackendProvider preloaded = BackgroundPreload.expectedCheck(BackendProviders.discover(), environment);

    assertThat(preloaded == null ? null : preloaded.name()).isEqualTo(expected);
  }
}

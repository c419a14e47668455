package dev.vdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.ConfigKey;
import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.ConfigurationException;
import dev.vdk.api.DataJob;
import dev.vdk.api.LogConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConfigurationLoaderTest {
  private static final List<ConfigKey> DECLARED =
      new ConfigurationBuilder()
          .add("LAYERED", "from-default", "A key set in every layer.")
          .add("ENABLED", true, "A boolean.")
          .add("RETRIES", 6, "A number.")
          .add("TIMEOUT", 30, "A duration.")
          .add("LOG_CONFIG", "LOCAL", "An enum.")
          .addSensitive("API_TOKEN", null, "A secret.")
          .keys();

  private static DataJob jobWithConfig(String hocon) {
    return new DataJob(List.of(), hocon, "job.conf");
  }

  private static Configuration load(String hocon, Map<String, String> env, Map<String, String> overrides) {
    return ConfigurationLoader.load(DECLARED, jobWithConfig(hocon), env, overrides);
  }

  @Test
  void declaredDefaultIsTheLowestLayer() {
    assertThat(load("", Map.of(), Map.of()).getString("LAYERED")).isEqualTo("from-default");
  }

  @Test
  void jobConfigFileWinsOverDefaults() {
    assertThat(load("layered = from-file", Map.of(), Map.of()).getString("LAYERED")).isEqualTo("from-file");
  }

  @Test
  void environmentWinsOverJobConfigFile() {
    Configuration config = load("layered = from-file", Map.of("VDK_LAYERED", "from-env"), Map.of());

    assertThat(config.getString("LAYERED")).isEqualTo("from-env");
    assertThat(config.origin("LAYERED")).contains("environment variable VDK_LAYERED");
  }

  @Test
  void explicitOverrideWinsOverEverything() {
    Configuration config =
        load("layered = from-file", Map.of("VDK_LAYERED", "from-env"), Map.of("layered", "from-override"));

    assertThat(config.getString("LAYERED")).isEqualTo("from-override");
  }

  @Test
  void keysAreCaseInsensitiveInEveryLayer() {
    Configuration config =
        load("LaYeReD = from-file\nRetries = 3", Map.of("vdk_Enabled", "no"), Map.of("timeout", "5"));

    assertThat(config.getString("layered")).isEqualTo("from-file");
    assertThat(config.getInt("RETRIES")).isEqualTo(3);
    assertThat(config.getBoolean("enabled")).isFalse();
    assertThat(config.getDuration("TIMEOUT")).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void variablesWithoutTheVdkPrefixAreIgnored() {
    Configuration config = load("", Map.of("LAYERED", "not-ours", "PATH", "/bin"), Map.of());

    assertThat(config.getString("LAYERED")).isEqualTo("from-default");
    assertThat(config.find("PATH")).isEmpty();
  }

  @Test
  void undeclaredKeysAreStillReadable() {
    assertThat(load("", Map.of("VDK_SOMETHING_ELSE", "x"), Map.of()).find("something_else")).contains("x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "True", "yes", "YES", "1"})
  void acceptsTrueWords(String value) {
    assertThat(load("", Map.of("VDK_ENABLED", value), Map.of()).getBoolean("ENABLED")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", "No", "no", "0"})
  void acceptsFalseWords(String value) {
    assertThat(load("", Map.of("VDK_ENABLED", value), Map.of()).getBoolean("ENABLED")).isFalse();
  }

  @Test
  void aBadBooleanNamesTheKeyTheValueItsSourceAndWhatIsAccepted() {
    Configuration config = load("", Map.of("VDK_ENABLED", "maybe"), Map.of());

    assertThatThrownBy(() -> config.getBoolean("ENABLED"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Configuration key ENABLED has the invalid value 'maybe' (from environment variable"
                + " VDK_ENABLED); expected a boolean: true/false, yes/no or 1/0 (any case).");
  }

  @Test
  void aBadNumberNamesTheKeyTheValueAndTheFileItCameFrom() {
    Configuration config = load("retries = lots", Map.of(), Map.of());

    assertThatThrownBy(() -> config.getInt("RETRIES"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("RETRIES")
        .hasMessageContaining("'lots'")
        .hasMessageContaining("job.conf")
        .hasMessageContaining("expected a whole number");
  }

  @ParameterizedTest
  @CsvSource({"30,PT30S", "500ms,PT0.5S", "2m,PT2M", "1h,PT1H", "PT15S,PT15S", "45 s,PT45S"})
  void readsDurations(String value, String expected) {
    assertThat(load("", Map.of("VDK_TIMEOUT", value), Map.of()).getDuration("TIMEOUT"))
        .isEqualTo(Duration.parse(expected));
  }

  @Test
  void aBadDurationSaysWhatIsAccepted() {
    Configuration config = load("", Map.of("VDK_TIMEOUT", "soon"), Map.of());

    assertThatThrownBy(() -> config.getDuration("TIMEOUT"))
        .hasMessageContaining("TIMEOUT")
        .hasMessageContaining("'soon'")
        .hasMessageContaining("VDK_TIMEOUT")
        .hasMessageContaining("500ms, 30s, 5m, 1h");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "99999999999999999999", "9999999999999999d", "PT9999999999999999H",
      // ISO durations that java.time holds but milliseconds do not
      "PT9999999999999H", "PT9223372036854775807S", "P106751991168D"})
  void aDurationTooLongToHoldIsAnErrorNamingTheKey(String value) {
    Configuration config = load("", Map.of("VDK_TIMEOUT", value), Map.of());

    assertThatThrownBy(() -> config.getDuration("TIMEOUT"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("TIMEOUT")
        .hasMessageContaining("'" + value + "'")
        .hasMessageContaining("VDK_TIMEOUT");
  }

  @Test
  void readsEnumsInAnyCaseAndListsTheAcceptedValues() {
    assertThat(load("", Map.of("VDK_LOG_CONFIG", "cloud"), Map.of()).getEnum("LOG_CONFIG", LogConfig.class))
        .isEqualTo(LogConfig.CLOUD);

    Configuration config = load("", Map.of("VDK_LOG_CONFIG", "heaven"), Map.of());
    assertThatThrownBy(() -> config.getEnum("LOG_CONFIG", LogConfig.class))
        .hasMessageContaining("LOG_CONFIG")
        .hasMessageContaining("'heaven'")
        .hasMessageContaining("one of local, cloud");
  }

  @Test
  void aMissingValueSaysHowToSetIt() {
    Configuration config = load("", Map.of(), Map.of());

    assertThatThrownBy(() -> config.getString("API_TOKEN"))
        .hasMessageContaining("API_TOKEN has no value")
        .hasMessageContaining("VDK_API_TOKEN");
  }

  @Test
  void aBlankValueCountsAsAbsent() {
    assertThat(load("", Map.of("VDK_API_TOKEN", ""), Map.of()).find("API_TOKEN")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void aBlankVariableLeavesTheDefaultInEffect(String blank) {
    Configuration config = load("", Map.of("VDK_LAYERED", blank, "VDK_RETRIES", blank), Map.of());

    assertThat(config.getString("LAYERED")).isEqualTo("from-default");
    assertThat(config.origin("LAYERED")).contains("the default of LAYERED");
    assertThat(config.getInt("RETRIES")).isEqualTo(6);
  }

  @Test
  void aBlankValueInAHigherLayerLeavesTheValueOfTheLayerBelow() {
    Configuration config =
        load("layered = from-file\nretries = \"\"", Map.of("VDK_LAYERED", ""), Map.of("layered", " ", "retries", ""));

    assertThat(config.getString("LAYERED")).isEqualTo("from-file");
    assertThat(config.getInt("RETRIES")).isEqualTo(6);
  }

  @Test
  void aBlankValueOfAKeyWithoutDefaultIsStillMissing() {
    Configuration config = load("", Map.of("VDK_API_TOKEN", " "), Map.of());

    assertThatThrownBy(() -> config.getString("API_TOKEN"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("API_TOKEN has no value")
        .hasMessageContaining("VDK_API_TOKEN");
  }

  @Test
  void aSensitiveValueIsNeverPrinted() {
    Configuration config = load("", Map.of("VDK_API_TOKEN", "s3cr3t-value"), Map.of());

    assertThat(config.toString()).doesNotContain("s3cr3t-value").contains("API_TOKEN=****");
    assertThatThrownBy(() -> config.getInt("API_TOKEN"))
        .hasMessageNotContaining("s3cr3t-value")
        .hasMessageContaining("a secret value, not shown");
  }

  @Test
  void invalidHoconNamesTheFile() {
    assertThatThrownBy(() -> load("layered = {", Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("job.conf")
        .hasMessageContaining("not valid HOCON");
  }

  @Test
  void nestedKeysInTheJobFileAreReadWithDots() {
    assertThat(load("owner { team = analytics }", Map.of(), Map.of()).find("OWNER.TEAM")).contains("analytics");
  }
}

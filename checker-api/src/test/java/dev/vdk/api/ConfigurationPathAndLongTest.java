package dev.vdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed getters for paths and longs: what they accept, and errors that name key, value and what is accepted. */
class ConfigurationPathAndLongTest {
  private static Configuration with(String key, String value) {
    return new Configuration(
        Map.of(ConfigKey.normalize(key), new Configuration.ConfigValue(value, "environment variable VDK_" + key)),
        Map.of());
  }

  @Test
  void readsAPathAsWritten() {
    assertThat(with("DATA_DIR", " data/in ").getPath("DATA_DIR")).isEqualTo(Path.of("data/in"));
  }

  @Test
  void aValueThatIsNoPathNamesTheKeyTheValueAndWhatIsAccepted() {
    assertThatThrownBy(() -> with("DATA_DIR", "bad\0dir").getPath("DATA_DIR"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("DATA_DIR")
        .hasMessageContaining("bad")
        .hasMessageContaining("environment variable VDK_DATA_DIR")
        .hasMessageContaining("a file system path");
  }

  @Test
  void readsLongsBeyondTheRangeOfAnInt() {
    assertThat(with("MAX_ROWS", " 4294967296 ").getLong("MAX_ROWS")).isEqualTo(4_294_967_296L);
  }

  @Test
  void aValueThatIsNoLongNamesTheKeyTheValueAndWhatIsAccepted() {
    assertThatThrownBy(() -> with("MAX_ROWS", "12x").getLong("MAX_ROWS"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("MAX_ROWS")
        .hasMessageContaining("'12x'")
        .hasMessageContaining("environment variable VDK_MAX_ROWS")
        .hasMessageContaining("a whole number");
  }

  @Test
  void aMissingPathOrLongSaysHowToSetIt() {
    Configuration empty = new Configuration(Map.of(), Map.of());

    assertThatThrownBy(() -> empty.getPath("DATA_DIR")).hasMessageContaining("VDK_DATA_DIR");
    assertThatThrownBy(() -> empty.getLong("MAX_ROWS")).hasMessageContaining("VDK_MAX_ROWS");
  }
}

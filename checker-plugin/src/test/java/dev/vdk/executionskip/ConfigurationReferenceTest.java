package dev.vdk.executionskip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is what the code declares. Run with {@code -Ddocs.write=true}
 * (see {@link ConfigurationReference#REGENERATE}) to write it after changing a key.
 */
class ConfigurationReferenceTest {

  @Test
  void theCommittedReferenceIsWhatTheCodeDeclares() throws Exception {
    String rendered = ConfigurationReference.render();
    if (Boolean.getBoolean("docs.write")) {
      Files.writeString(ConfigurationReference.page(), rendered, StandardCharsets.UTF_8);
    }

    String committed =
        Files.exists(ConfigurationReference.page())
            ? Files.readString(ConfigurationReference.page(), StandardCharsets.UTF_8)
            : "(no docs/configuration.md)";
    assertThat(committed)
        .as("docs/configuration.md differs from the keys the code declares; regenerate it with%n  %s%n",
            ConfigurationReference.REGENERATE)
        .isEqualTo(rendered);
  }
}

package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What belongs to one check (its deadline, operation id and token) travels as parameters: no class
 * of the Control Service backend keeps per-thread state in a {@link ThreadLocal}, where a pooled
 * thread could carry one check's state into the next.
 */
class NoThreadLocalStateTest {

  @Test
  void noClassOfTheBackendHasAThreadLocalField() throws IOException, URISyntaxException {
    Path classes = Path.of(ControlServiceBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path backend = classes.resolve("dev/vdk/executionskip/controlservice");
    List<String> names;
    try (Stream<Path> files = Files.walk(backend)) {
      names = files.filter(file -> file.toString().endsWith(".class"))
          .map(file -> classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .toList();
    }

    assertThat(names).as("classes found").contains(ControlServiceClient.class.getName());
    assertThat(names).allSatisfy(name -> {
      for (Field field : Class.forName(name, false, getClass().getClassLoader()).getDeclaredFields()) {
        assertThat(ThreadLocal.class.isAssignableFrom(field.getType()))
            .as("%s.%s is a ThreadLocal", name, field.getName())
            .isFalse();
      }
    });
  }
}

package dev.vdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a Kubernetes manifest into the API's own type (the fabric8 model) and refuses any field
 * that the API does not define. The model keeps unknown fields aside rather than failing on them
 * (its {@code additionalProperties}), where a misspelt {@code terminationMessagePath} would pass
 * unseen and be dropped by the API server; so every object read is searched for them.
 */
final class StrictKubernetesYaml {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private StrictKubernetesYaml() {}

  static <T> T read(Path manifest, Class<T> type) throws IOException {
    T resource = YAML.readValue(Files.readString(manifest), type);
    List<String> unknown = new ArrayList<>();
    collectUnknownFields(resource, type.getSimpleName(), unknown);
    assertThat(unknown).as("fields of %s that Kubernetes does not define", manifest).isEmpty();
    return resource;
  }

  private static void collectUnknownFields(Object node, String path, List<String> unknown) {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectUnknownFields(list.get(i), path + "[" + i + "]", unknown);
      }
    } else if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
    } else if (node != null && node.getClass().getName().startsWith(MODEL_PACKAGE)) {
      for (Method getter : node.getClass().getMethods()) {
        if (getter.getParameterCount() > 0 || !getter.getName().startsWith("get")
            || getter.getDeclaringClass() == Object.class) {
          continue;
        }
        Object value = invoke(getter, node);
        if (getter.getName().equals("getAdditionalProperties")) {
          ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
        } else {
          collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown);
        }
      }
    }
  }

  private static Object invoke(Method getter, Object node) {
    try {
      return getter.invoke(node);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + getter + " of " + node, e);
    }
  }
}

package dev.vdk.api;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values that live as long as one run. Keys are namespaced by their owner (a plugin should use its
 * own class name as a prefix) so plugins never see each other's state by accident.
 */
public final class StateStore {
  private final Map<String, Object> values = new ConcurrentHashMap<>();

  public void put(String key, Object value) {
    values.put(key, value);
  }

  public <T> Optional<T> get(String key, Class<T> type) {
    return Optional.ofNullable(values.get(key)).filter(type::isInstance).map(type::cast);
  }

  public <T> Optional<T> remove(String key, Class<T> type) {
    Object value = values.get(key);
    if (!type.isInstance(value)) {
      return Optional.empty();
    }
    values.remove(key, value);
    return Optional.of(type.cast(value));
  }
}

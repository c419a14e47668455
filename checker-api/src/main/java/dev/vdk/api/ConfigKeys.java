package dev.vdk.api;

/**
 * A set of configuration keys, declared in one place: each key's name is a constant of the
 * implementing class, and {@link #declare} adds the keys, with their defaults and meanings, to a
 * builder. The runtime's keys, a plugin's, a plugin's backend's and a job's own are all declared
 * this way, so {@code config-help} lists every one of them alike.
 *
 * <p>A plugin declares its sets from its {@link VdkPlugin#vdkConfigure} hook; a class whose only
 * business is to declare a job's keys can be that plugin itself:
 *
 * <pre>{@code
 * @HookOrder(Order.TRY_FIRST)
 * public final class MyJobKeys implements ConfigKeys, VdkPlugin {
 *   public static final String DATA_DIR = "MY_DATA_DIR";
 *
 *   public void declare(ConfigurationBuilder builder) {
 *     builder.add(DATA_DIR, "data", "Where the job keeps its files.");
 *   }
 *
 *   public void vdkConfigure(ConfigurationBuilder builder) {
 *     declare(builder);
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ConfigKeys {

  /** Adds each key of the set, with its default and description, to {@code builder}. */
  void declare(ConfigurationBuilder builder);
}

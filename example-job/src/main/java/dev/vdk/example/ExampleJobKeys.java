package dev.vdk.example;

import dev.vdk.api.ConfigKeys;
import dev.vdk.api.ConfigurationBuilder;
import dev.vdk.api.HookOrder;
import dev.vdk.api.Order;
import dev.vdk.api.VdkPlugin;

/**
 * The example job's own keys, declared as every other set of keys is (see {@link ConfigKeys}), so
 * that they appear in config help like any other. A plugin only to declare them.
 */
@HookOrder(Order.TRY_FIRST)
public final class ExampleJobKeys implements ConfigKeys, VdkPlugin {
  public static final String DATA_DIR = "EXAMPLE_DATA_DIR";
  public static final String PAUSE_SECONDS = "EXAMPLE_PAUSE_SECONDS";

  @Override
  public void vdkConfigure(ConfigurationBuilder builder) {
    declare(builder);
  }

  @Override
  public void declare(ConfigurationBuilder builder) {
    builder
        .add(
            DATA_DIR,
            "example-data",
            "Where the example job keeps its source, output and checkpoint files (relative to the working directory).")
        .add(
            PAUSE_SECONDS,
            0,
            "Seconds the example job pauses after reading its checkpoint, so a second run can be started meanwhile.");
  }
}

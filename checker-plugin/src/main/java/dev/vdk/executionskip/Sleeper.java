package dev.vdk.executionskip;

/**
 * The {@link dev.vdk.executionskip.backend.Sleeper} under its former name, for the code that still
 * imports it from here (the {@code controlservice} package and its tests). The core never uses it,
 * so no package of the plugin depends on the core; once nothing imports it, it goes.
 */
@FunctionalInterface
public interface Sleeper extends dev.vdk.executionskip.backend.Sleeper {
  /** The real one: {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = dev.vdk.executionskip.backend.Sleeper.SYSTEM::sleep;
}

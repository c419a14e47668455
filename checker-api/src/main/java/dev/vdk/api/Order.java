package dev.vdk.api;

/**
 * When a hook implementation is called relative to others, as in pluggy: every {@link #TRY_FIRST}
 * implementation, then every {@link #NORMAL} one, then every {@link #TRY_LAST} one; the teardown
 * hooks run in the reverse order. {@link HookOrder} has the whole rule.
 */
public enum Order {
  TRY_FIRST,
  NORMAL,
  TRY_LAST
}

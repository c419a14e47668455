package dev.vdk.runtime;

import java.util.Objects;

/**
 * One call of a hook during a run: the hook (e.g. {@code runJob}) and the class that implements it.
 * The job's steps appear as {@code runJob} of {@link StepRunner}, after every plugin's {@code
 * runJob}.
 */
public record HookCall(String hook, Class<?> implementation) {
  public HookCall {
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(implementation, "implementation");
  }

  /** {@code runJob of com.example.MyPlugin}. */
  @Override
  public String toString() {
    return hook + " of " + implementation.getName();
  }
}

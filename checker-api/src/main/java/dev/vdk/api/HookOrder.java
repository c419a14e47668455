package dev.vdk.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the order of a plugin's hook implementations. On a method it orders that hook only; on
 * the class it orders every hook the plugin implements, unless the method says otherwise. Without
 * it a hook is {@link Order#NORMAL}.
 *
 * <p>Inside one group, implementations are called in the order of their plugin's fully qualified
 * class name, then in registration order; so the order never depends on the classpath.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface HookOrder {
  Order value();
}

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
 * <p>The order is declared, never derived from a name, as in pluggy:
 *
 * <ul>
 *   <li>{@code vdkConfigure}, {@code initializeJob} and {@code runJob} call every {@link
 *       Order#TRY_FIRST} implementation, then the {@link Order#NORMAL} ones, then the {@link
 *       Order#TRY_LAST} ones; inside a group, the plugin registered most recently is called first.
 *   <li>{@code finalizeJob} and {@code vdkExit} are called in the exact reverse of that order, as
 *       JUnit 5 calls its after-callbacks: what a try-first plugin set up is torn down last.
 *   <li>Plugins are registered in this order: the runtime's own, then the plugins found on the
 *       classpath in the order {@link java.util.ServiceLoader} lists them (the classpath's order,
 *       then the order of the lines of each services file), then the plugins registered in code,
 *       in the order of the calls. A plugin registered in code therefore comes before a discovered
 *       one of its group; register two plugins of one group in code to fix their order exactly.
 *   <li>The job's steps are no plugin: they run after every {@code runJob} implementation has
 *       returned no result, whatever any plugin declares.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface HookOrder {
  Order value();
}

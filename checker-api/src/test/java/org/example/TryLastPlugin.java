package org.example;

import dev.vdk.api.HookOrder;
import dev.vdk.api.Order;
import dev.vdk.runtime.ImplementsEveryHook;

/** A try-last plugin in a package that sorts after {@code dev.}; only its order and name matter. */
@HookOrder(Order.TRY_LAST)
public class TryLastPlugin extends ImplementsEveryHook {}

package org.example;

import dev.vdk.api.HookOrder;
import dev.vdk.api.Order;
import dev.vdk.runtime.ImplementsEveryHook;

/** A try-first plugin in a package that sorts after {@code dev.}; only its order and name matter. */
@HookOrder(Order.TRY_FIRST)
public class TryFirstPlugin extends ImplementsEveryHook {}

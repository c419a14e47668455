package org.example;

import dev.vdk.runtime.ImplementsEveryHook;

/** A normal plugin in a package that sorts after {@code dev.}; only its order and name matter. */
public class UnmarkedPlugin extends ImplementsEveryHook {}

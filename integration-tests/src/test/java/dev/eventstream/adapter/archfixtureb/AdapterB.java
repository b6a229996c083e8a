package dev.eventstream.adapter.archfixtureb;

/** The adapter that {@code AdapterA} wrongly depends on. */
public class AdapterB {}

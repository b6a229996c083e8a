package dev.eventstream.adapter.archfixturea;

import dev.eventstream.adapter.archfixtureb.AdapterB;

/** Breaks a rule on purpose: one adapter using another. Only the rule test imports it. */
public class AdapterA {
    public AdapterB other = new AdapterB();
}

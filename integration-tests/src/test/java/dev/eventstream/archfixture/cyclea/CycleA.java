package dev.eventstream.archfixture.cyclea;

import dev.eventstream.archfixture.cycleb.CycleB;

/** Breaks a rule on purpose: half of a package cycle. Only the rule test imports it. */
public class CycleA {
    public CycleB next;
}

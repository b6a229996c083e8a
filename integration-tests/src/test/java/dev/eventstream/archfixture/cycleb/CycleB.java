package dev.eventstream.archfixture.cycleb;

import dev.eventstream.archfixture.cyclea.CycleA;

/** Breaks a rule on purpose: the other half of a package cycle. */
public class CycleB {
    public CycleA back;
}

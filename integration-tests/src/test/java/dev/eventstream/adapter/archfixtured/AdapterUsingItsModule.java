package dev.eventstream.adapter.archfixtured;

/** Breaks a rule on purpose: an adapter class that reaches its Guice module, and Guice through it. */
public class AdapterUsingItsModule {
    public FixtureModule module = new FixtureModule();
}

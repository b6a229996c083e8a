package dev.eventstream.core.archfixture;

import com.google.inject.Injector;

/** Breaks a rule on purpose: a core class that touches Guice. Only the rule test imports it. */
public class CoreClassUsingGuice {
    public Injector injector;
}

package dev.eventstream.adapter.archfixtured;

import com.google.inject.Inject;

/** Breaks a rule on purpose: an adapter class that is no Guice module, annotated for Guice. */
public class AdapterUsingGuice {
    @Inject
    public AdapterUsingGuice() {}
}

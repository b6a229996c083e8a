package dev.eventstream.adapter.archfixtured;

import com.google.inject.AbstractModule;

/** A Guice module of the fixture: the one kind of adapter class allowed to use Guice. */
public class FixtureModule extends AbstractModule {}

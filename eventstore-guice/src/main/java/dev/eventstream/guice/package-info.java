/**
 * Guice wiring: {@link dev.eventstream.guice.EventStoreModule} builds the {@link dev.eventstream.api.EventStore}
 * from whichever adapter modules are installed beside it.
 */
@NullMarked
package dev.eventstream.guice;

import org.jspecify.annotations.NullMarked;

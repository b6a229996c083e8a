/** Fault injection for tests against real engines: endpoints that fail or vanish on demand. */
@NullMarked
package dev.eventstream.testkit.fault;

import org.jspecify.annotations.NullMarked;

/**
 * What users of the event store call: {@link dev.eventstream.api.EventStore}, {@link dev.eventstream.api.EventStream},
 * the event records, expected versions and the exception hierarchy rooted at
 * {@link dev.eventstream.api.EventStoreException}.
 */
@NullMarked
package dev.eventstream.api;

import org.jspecify.annotations.NullMarked;

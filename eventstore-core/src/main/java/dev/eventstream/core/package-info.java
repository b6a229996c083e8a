/**
 * The pure domain of the event store: the ports adapters implement ({@link dev.eventstream.core.EventPersistence},
 * {@link dev.eventstream.core.EventPublisher}, {@link dev.eventstream.core.SubscriptionSource}) and
 * {@link dev.eventstream.core.DefaultEventStore}, the {@link dev.eventstream.api.EventStore} built on them.
 * Nothing here knows AWS or Guice.
 */
@NullMarked
package dev.eventstream.core;

import org.jspecify.annotations.NullMarked;

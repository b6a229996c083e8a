/**
 * The in-memory adapter: {@link dev.eventstream.adapter.inmemory.InMemoryEventPersistence}, a thread-safe store
 * with the semantics of the durable one, and {@link dev.eventstream.adapter.inmemory.InMemoryEventBus}, which
 * delivers committed events to subscribers in this process in per-stream order. For tests, examples and
 * single-process applications that need no durability.
 */
@NullMarked
package dev.eventstream.adapter.inmemory;

import org.jspecify.annotations.NullMarked;

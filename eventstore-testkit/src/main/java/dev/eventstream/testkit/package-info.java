/**
 * Contract suites that every adapter runs: {@link dev.eventstream.testkit.EventPersistenceContract} for an
 * {@link dev.eventstream.core.EventPersistence}, {@link dev.eventstream.testkit.FeedContract} for one that keeps a
 * feed, {@link dev.eventstream.testkit.SubscriptionSourceContract} for an
 * {@link dev.eventstream.core.EventPublisher} with its {@link dev.eventstream.core.SubscriptionSource}. Extend one in
 * a test class of the adapter and implement its factory methods.
 */
@NullMarked
package dev.eventstream.testkit;

import org.jspecify.annotations.NullMarked;

package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.History;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventStore} over an {@link EventPersistence}, an optional {@link EventPublisher} and an optional
 * {@link SubscriptionSource}. Every argument is checked here, before any I/O, so adapters only see valid input.
 *
 * <p>Closing the store closes the ports it was given.
 */
public final class DefaultEventStore implements EventStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEventStore.class);

    private final EventPersistence persistence;
    private final EventPublisher publisher;
    private final @Nullable SubscriptionSource subscriptions;
    private final @Nullable PublicationRelay relay;
    private final StreamLocks streamLocks = new StreamLocks();

    /** A store that sends no notifications. */
    public DefaultEventStore(EventPersistence persistence) {
        this(persistence, EventPublisher.none(), null);
    }

    /**
     * A store that publishes through {@code publisher}; when the publisher also delivers to subscribers in this
     * process (it is a {@link SubscriptionSource}), {@link #subscribe} uses it.
     */
    public DefaultEventStore(EventPersistence persistence, EventPublisher publisher) {
        this(persistence, publisher, publisher instanceof SubscriptionSource source ? source : null);
    }

    public DefaultEventStore(
            EventPersistence persistence, EventPublisher publisher, @Nullable SubscriptionSource subscriptions) {
        this(persistence, publisher, subscriptions, PublicationRelay.Settings.DEFAULT);
    }

    /**
     * A store whose publications go through a {@link PublicationRelay} with {@code relaySettings}, when the
     * persistence can track publications (see {@link EventPersistence#enablePublicationTracking()}).
     */
    public DefaultEventStore(
            EventPersistence persistence,
            EventPublisher publisher,
            @Nullable SubscriptionSource subscriptions,
            PublicationRelay.Settings relaySettings) {
        this.persistence = requireNonNull(persistence, "persistence is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.subscriptions = subscriptions;
        requireNonNull(relaySettings, "relaySettings is null");
        if (publisher == EventPublisher.none()) {
            this.relay = null;
        } else {
            this.relay = persistence.enablePublicationTracking()
                    .map(outbox -> new PublicationRelay(outbox, publisher, relaySettings))
                    .orElse(null);
            if (relay == null) {
                LOG.warn("{} cannot track pending publications: a notification whose publication fails is lost",
                        persistence.getClass().getSimpleName());
            }
        }
    }

    /**
     * Publishes every notification still pending, waiting at most {@code timeout}: the ones just committed and
     * the ones an earlier failure or crash left in the outbox.
     *
     * @return true when nothing is left pending; false when a publication failed or the time ran out. Always true
     *     for a store that publishes without an outbox or publishes nothing.
     */
    public boolean drainPublications(Duration timeout) {
        return relay == null || relay.drain(timeout);
    }

    @Override
    public EventStream getEventStream(String aggregation, String streamId) {
        return new Stream(new StreamKey(aggregation, streamId));
    }

    @Override
    public List<String> getAggregations(int offset, int limit) {
        checkPage(offset, limit);
        return List.copyOf(persistence.aggregations(offset, limit));
    }

    @Override
    public List<String> getStreams(String aggregation, int offset, int limit) {
        // Validates the aggregation name with the same rules as a stream key.
        new StreamKey(aggregation, "-");
        checkPage(offset, limit);
        return List.copyOf(persistence.streams(aggregation, offset, limit));
    }

    @Override
    public Subscription subscribe(String aggregation, Consumer<RecordedEvent> subscriber) {
        new StreamKey(aggregation, "-");
        requireNonNull(subscriber, "subscriber is null");
        if (subscriptions == null) {
            throw new IllegalStateException(
                    "this event store has no subscription source: build it with a publisher that delivers to"
                            + " subscribers (e.g. the in-memory event bus) or pass a SubscriptionSource");
        }
        return subscriptions.subscribe(aggregation, subscriber);
    }

    @Override
    public void close() {
        closeQuietly(relay);
        closeQuietly(subscriptions);
        closeQuietly(publisher);
        closeQuietly(persistence);
    }

    private AppendResult append(StreamKey stream, ExpectedVersion expected, List<NewEvent> events) {
        requireNonNull(expected, "expected is null");
        checkBatch(events);
        if (relay == null) {
            AppendResult result = persistence.append(stream, expected, events);
            publish(stream, result.events());
            return result;
        }
        // Commit and hand-over happen under the stream's lock, so the relay receives each stream's events in
        // commit order and never publishes a later event before an earlier one.
        Lock lock = streamLocks.lockFor(stream);
        lock.lock();
        try {
            AppendResult result = persistence.append(stream, expected, events);
            relay.submit(result.events());
            return result;
        } finally {
            lock.unlock();
        }
    }

    private void publish(StreamKey stream, List<RecordedEvent> events) {
        try {
            publisher.publish(events);
        } catch (RuntimeException e) {
            // The events are durable: a notification failure must not turn a successful append into an error.
            LOG.warn("Events {}..{} of stream {} are stored but their notification failed",
                    events.get(0).sequence(), events.get(events.size() - 1).sequence(), stream, e);
        }
    }

    private static void checkBatch(List<NewEvent> events) {
        requireNonNull(events, "events is null");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("events must not be empty");
        }
        if (events.size() > Limits.MAX_EVENTS_PER_APPEND) {
            throw new IllegalArgumentException(String.format(
                    "events must hold at most %d events, was %d", Limits.MAX_EVENTS_PER_APPEND, events.size()));
        }
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            if (event == null) {
                throw new NullPointerException("events[" + i + "] is null");
            }
            if (!ids.add(event.eventId())) {
                throw new IllegalArgumentException("events hold event id " + event.eventId() + " more than once");
            }
        }
    }

    private static void checkPage(long offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 1 || limit > Limits.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    String.format("limit must be between 1 and %d, was %d", Limits.MAX_PAGE_SIZE, limit));
        }
    }

    private static void closeQuietly(@Nullable AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed", resource, e);
        }
    }

    private final class Stream implements EventStream {
        private final StreamKey key;

        Stream(StreamKey key) {
            this.key = key;
        }

        @Override
        public String aggregation() {
            return key.aggregation();
        }

        @Override
        public String streamId() {
            return key.streamId();
        }

        @Override
        public StreamKey key() {
            return key;
        }

        @Override
        public RecordedEvent addEvent(String eventType, Object payload) {
            return append(ExpectedVersion.any(), List.of(NewEvent.of(eventType, payload))).events().get(0);
        }

        @Override
        public AppendResult append(ExpectedVersion expected, List<NewEvent> events) {
            return DefaultEventStore.this.append(key, expected, events);
        }

        @Override
        public List<RecordedEvent> getEvents() {
            return List.copyOf(persistence.read(key, 1, Long.MAX_VALUE));
        }

        @Override
        public List<RecordedEvent> getEvents(long offset, int limit) {
            checkPage(offset, limit);
            if (offset == Long.MAX_VALUE) {
                return List.of();
            }
            return List.copyOf(persistence.read(key, offset + 1, limit));
        }

        @Override
        public History loadFromHistory() {
            return HistoryFold.of(persistence.read(key, 1, Long.MAX_VALUE));
        }

        @Override
        public String toString() {
            return "EventStream[" + key + "]";
        }
    }
}

package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.EventTooLargeException;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.Fold;
import dev.eventstream.api.Folded;
import dev.eventstream.api.History;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventStore} over an {@link EventPersistence}, an optional {@link EventPublisher} and an optional
 * {@link SubscriptionSource}. Every argument is checked here, before any I/O, so adapters only see valid input.
 *
 * <p>With a publisher, an append succeeds once durable, and its notifications are published at least once, in
 * per-stream order, even across publisher outages and restarts: from the feed, by the store's own consumer group,
 * when the persistence keeps a feed; else through a {@link PublicationRelay} over the persistence's outbox (see
 * {@link PublicationSource}). With a persistence that keeps snapshots,
 * {@code loadFromHistory} folds from the latest snapshot and stores a new one per the {@link SnapshotPolicy}.
 *
 * <p>With a persistence that keeps a feed, {@code readFeed} reads it and {@code subscribeToFeed} starts catch-up
 * subscriptions, each on a thread of its own (see {@link FeedSettings} for their pacing).
 *
 * <p>With a {@link StoreTelemetry} ({@link Builder#telemetry}), appends, reads, loads, publications and deliveries
 * are timed operations, and every appended event carries the append's trace context in its metadata, so that its
 * publication and handling join the append's trace in whichever process they happen.
 *
 * <p>Closing the store closes its catch-up subscriptions (each storing its checkpoint), stops the relay and closes
 * the ports it was given.
 */
public final class DefaultEventStore implements EventStore {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEventStore.class);
    /** Events per read when a port pages with {@link EventPersistence#read}. */
    static final int READ_PAGE_SIZE = 1_000;

    private final EventPersistence persistence;
    private final EventPublisher publisher;
    private final @Nullable SubscriptionSource subscriptions;
    private final @Nullable PublicationRelay relay;
    /** The store's own group publishing notifications from the feed; null when they come from the outbox. */
    private final @Nullable LaterNotifications notifications;
    private final TypedReads reads;
    private final StreamLoading loading;
    private final StreamLocks streamLocks = new StreamLocks();
    private final RepeatedFailureLog publisherFailures = new RepeatedFailureLog(LOG);
    private final StoreFeed feed;
    private final StoreTelemetry telemetry;
    /** The gauges this store reports, closed with it. */
    private final List<StoreTelemetry.Registration> gauges = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A store that sends no notifications. */
    public DefaultEventStore(EventPersistence persistence) {
        this(builder(persistence));
    }

    /**
     * A store that publishes through {@code publisher}; when the publisher also delivers to subscribers in this
     * process (it is a {@link SubscriptionSource}), {@link #subscribe} uses it.
     */
    public DefaultEventStore(EventPersistence persistence, EventPublisher publisher) {
        this(builder(persistence).publisher(publisher));
    }

    /** A store that publishes through {@code publisher} and subscribes through {@code subscriptions}. */
    public DefaultEventStore(
            EventPersistence persistence, EventPublisher publisher, @Nullable SubscriptionSource subscriptions) {
        this(builder(persistence).publisher(publisher).subscriptions(subscriptions));
    }

    private DefaultEventStore(Builder builder) {
        this.persistence = builder.persistence;
        this.telemetry = builder.telemetry;
        this.publisher = Instrumented.publisher(telemetry, builder.publisher);
        this.subscriptions = builder.subscriptions != null ? builder.subscriptions
                : builder.publisher instanceof SubscriptionSource source ? source : null;
        this.reads = new TypedReads(builder.eventTypes);
        SnapshotPolicy snapshotPolicy = builder.snapshotPolicy;
        this.loading = new StreamLoading(persistence,
                snapshotPolicy.isEnabled() ? persistence.snapshots().orElse(null) : null, snapshotPolicy, reads,
                telemetry);
        this.feed = new StoreFeed(persistence, builder.feedSettings, reads, telemetry);
        boolean fromFeed = publisher != EventPublisher.none() && publishesFromFeed(builder.publicationSource);
        this.relay = publisher == EventPublisher.none() || fromFeed ? null : startRelay(builder.relaySettings);
        if (relay != null) {
            gauges.add(telemetry.gauge(Meter.PUBLICATIONS_PENDING, relay::pendingCount));
            gauges.add(telemetry.gauge(Meter.PUBLICATIONS_PARKED, () -> relay.parkedStreams().size()));
        }
        // Off the constructor's path (a start without requests); the first append waits for the group's checkpoint.
        this.notifications = fromFeed ? new LaterNotifications(feed::initializeNotifications,
                () -> feed.startNotifications(publisher, builder.relaySettings)) : null;
    }

    private boolean publishesFromFeed(PublicationSource source) {
        return switch (source) {
            case AUTOMATIC -> persistence.feed().isPresent();
            case OUTBOX -> false;
            case FEED -> {
                if (persistence.feed().isEmpty()) {
                    throw new IllegalStateException("publicationSource is FEED, but "
                            + persistence.getClass().getSimpleName() + " keeps no feed");
                }
                yield true;
            }
        };
    }

    /** Starts building a store over {@code persistence}; no publisher, no subscriptions, default snapshots. */
    public static Builder builder(EventPersistence persistence) {
        return new Builder(persistence);
    }

    private @Nullable PublicationRelay startRelay(PublicationRelay.Settings settings) {
        Optional<PublicationOutbox> outbox = persistence.enablePublicationTracking();
        if (outbox.isEmpty()) {
            LOG.warn("{} cannot track pending publications: a notification whose publication fails is lost",
                    persistence.getClass().getSimpleName());
            return null;
        }
        return new PublicationRelay(outbox.get(), publisher, settings);
    }

    /**
     * Publishes every notification still pending, waiting at most {@code timeout}: the ones just committed and
     * the ones an earlier failure or crash left in the outbox.
     *
     * @return true when nothing is left pending; false when a publication failed or the time ran out. Always true
     *     for a store that publishes without an outbox or publishes nothing.
     */
    public boolean drainPublications(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        if (notifications != null) {
            notifications.startNow();
            return feed.drain(notifications, timeout);
        }
        return relay == null || relay.drain(timeout);
    }

    /**
     * Tells the store that this process was restored from a snapshot (AWS Lambda SnapStart, a CRaC checkpoint),
     * which every environment restored from it shares: the store's catch-up subscriptions and its notifications
     * group take new lease owner ids and check their leases before their next entry, so that of the environments
     * only one holds a group's lease, as of processes started apart. A group that held its lease at the snapshot
     * stands by until that lease expires ({@link FeedSettings#leaseDuration()}). The in-process indexer of a
     * DynamoDB store is not covered: functions run the indexer as a function of its own ({@code feedMode EXTERNAL}).
     */
    public void restoredFromSnapshot() {
        feed.takeNewIdentities();
    }

    @Override
    public EventStream getEventStream(String aggregation, String streamId) {
        return new StoredStream(new StreamKey(aggregation, streamId));
    }

    @Override
    public List<String> getAggregations(int offset, int limit) {
        checkPage(offset, limit);
        return List.copyOf(persistence.aggregations(offset, limit));
    }

    @Override
    public List<String> getStreams(String aggregation, int offset, int limit) {
        checkAggregation(aggregation);
        checkPage(offset, limit);
        return List.copyOf(persistence.streams(aggregation, offset, limit));
    }

    @Override
    public Subscription subscribe(String aggregation, Consumer<RecordedEvent> subscriber) {
        checkAggregation(aggregation);
        requireNonNull(subscriber, "subscriber is null");
        if (subscriptions == null) {
            // The adapters are named in the text only: this module imports none of them.
            throw new IllegalStateException("this event store has no subscription source, so subscribe has"
                    + " nothing to listen to. With Guice, install SqsSubscriptionModule (adapter-sqs) beside"
                    + " EventStoreModule, or InMemoryEventStoreModule (adapter-inmemory) in tests; with plain"
                    + " constructors, give an SqsSubscriptionSource or an InMemoryEventBus to"
                    + " DefaultEventStore.builder(persistence).subscriptions(...)");
        }
        return subscriptions.subscribe(aggregation, Instrumented.processing(telemetry,
                subscriptions.consumer(aggregation), reads.subscriber(subscriber)));
    }

    @Override
    public List<FeedEntry> readFeed(long fromPosition, int limit) {
        checkPosition(fromPosition);
        checkPage(0, limit);
        return Instrumented.timed(telemetry, OperationStart.readFeed(), () -> feed.read(fromPosition, limit));
    }

    @Override
    public Stream<FeedEntry> readFeed(long fromPosition, FeedFilter filter) {
        checkPosition(fromPosition);
        requireNonNull(filter, "filter is null");
        return feed.read(fromPosition, filter);
    }

    @Override
    public FeedSubscription subscribeToFeed(CatchUp catchUp, Consumer<FeedEntry> subscriber) {
        return feed.subscribe(catchUp, subscriber);
    }

    private static void checkPosition(long position) {
        if (position < 1) {
            throw new IllegalArgumentException("fromPosition must be at least 1, was " + position);
        }
    }

    /**
     * Closes the catch-up subscriptions (each storing its checkpoint), the relay, and the ports, once: a second call
     * does nothing, so a store closed by its application and again by its container is closed once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        gauges.forEach(StoreTelemetry.Registration::close);
        closeQuietly(notifications);
        closeQuietly(feed);
        closeQuietly(relay);
        closeQuietly(subscriptions);
        closeQuietly(publisher);
        closeQuietly(persistence);
    }

    private AppendResult append(StreamKey stream, ExpectedVersion expected, List<?> given, EventMetadata metadata) {
        requireNonNull(expected, "expected is null");
        requireNonNull(metadata, "metadata is null");
        Operation operation = telemetry.start(OperationStart.append(stream));
        try {
            List<NewEvent> events = AppendBatches.checkedCopy(stream, given, reads.types(), metadata,
                    operation.context());
            operation.events(events.size());
            AppendResult result = readBack(appendChecked(stream, expected, events));
            operation.version(result.version());
            operation.end(result.alreadyStored() ? Outcome.IDEMPOTENT : Outcome.COMMITTED);
            return result;
        } catch (RuntimeException | Error e) {
            operation.end(Instrumented.appendFailure(e), e);
            throw e;
        }
    }

    /** The result as readers see it: the events upcast (a store may append an old revision on purpose). */
    private AppendResult readBack(AppendResult result) {
        List<RecordedEvent> read = reads.list(result.events());
        return read == result.events() ? result : new AppendResult(read, result.version(), result.alreadyStored());
    }

    private AppendResult appendChecked(StreamKey stream, ExpectedVersion expected, List<NewEvent> events) {
        if (relay == null) {
            if (notifications == null) {
                AppendResult result = persistence.append(stream, expected, events);
                publishDirectly(stream, result.events());
                return result;
            }
            notifications.awaitInitialized();
            try {
                return persistence.append(stream, expected, events);
            } finally {
                notifications.firstAppendReturned();
            }
        }
        // Commit and hand-over happen under the stream's lock, so the relay receives each stream's events in
        // commit order and never publishes a later event before an earlier one.
        Lock lock = streamLocks.lockFor(stream);
        lock.lock();
        try {
            AppendResult result;
            try {
                result = persistence.append(stream, expected, events);
            } catch (WrongExpectedVersionException | EventTooLargeException | IllegalArgumentException e) {
                throw e; // Rejected: nothing of it was stored.
            } catch (RuntimeException e) {
                // A timeout or a lost answer: the events may be stored and pending. Until the relay has read the
                // outbox, no later event of the stream may be published ahead of them.
                relay.holdBack(stream, firstSequenceOf(expected));
                throw e;
            }
            relay.submit(result.events());
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** The sequence an append at {@code expected} starts at, or 0 when only the storage knows. */
    private static long firstSequenceOf(ExpectedVersion expected) {
        if (expected instanceof ExpectedVersion.Exactly exactly) {
            return exactly.version() == Long.MAX_VALUE ? 0 : exactly.version() + 1;
        }
        return expected instanceof ExpectedVersion.NoStream ? 1 : 0;
    }

    /**
     * The streams whose notifications could not be published lately: they are held back (their later events wait)
     * and retried with a growing wait, while every other stream is published. Empty when all is well, and for a
     * store without a relay.
     */
    public List<ParkedStream> parkedStreams() {
        return relay == null ? List.of() : relay.parkedStreams();
    }

    private void publishDirectly(StreamKey stream, List<RecordedEvent> events) {
        try {
            publisher.publish(events);
        } catch (RuntimeException e) {
            // The events are durable: a notification failure must not turn a successful append into an error.
            publisherFailures.warn(e, "Events {}..{} of stream {} are stored but their notification failed",
                    events.get(0).sequence(), events.get(events.size() - 1).sequence(), stream);
        }
    }

    private static void checkAggregation(String aggregation) {
        // The same rules as a stream key's aggregation, with the same messages.
        new StreamKey(aggregation, "-");
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

    /** Builds a {@link DefaultEventStore}; every setting but the persistence is optional. */
    public static final class Builder {
        private final EventPersistence persistence;
        private EventPublisher publisher = EventPublisher.none();
        private @Nullable SubscriptionSource subscriptions;
        private PublicationRelay.Settings relaySettings = PublicationRelay.Settings.DEFAULT;
        private SnapshotPolicy snapshotPolicy = SnapshotPolicy.DEFAULT;
        private FeedSettings feedSettings = FeedSettings.DEFAULT;
        private PublicationSource publicationSource = PublicationSource.AUTOMATIC;
        private EventTypes eventTypes = EventTypes.none();
        private StoreTelemetry telemetry = StoreTelemetry.none();

        private Builder(EventPersistence persistence) {
            this.persistence = requireNonNull(persistence, "persistence is null");
        }

        /** Where notifications go; none by default. */
        public Builder publisher(EventPublisher publisher) {
            this.publisher = requireNonNull(publisher, "publisher is null");
            return this;
        }

        /** Where {@code subscribe} listens; by default the publisher, when it is also a subscription source. */
        public Builder subscriptions(@Nullable SubscriptionSource subscriptions) {
            this.subscriptions = subscriptions;
            return this;
        }

        /**
         * Where published notifications come from: the feed when the persistence keeps one, else the outbox, by
         * default ({@link PublicationSource#AUTOMATIC}).
         */
        public Builder publicationSource(PublicationSource publicationSource) {
            this.publicationSource = requireNonNull(publicationSource, "publicationSource is null");
            return this;
        }

        /**
         * How the relay paces itself when notifications come from the outbox; with notifications from the feed,
         * its retry backoff and maximum also pace retries of failed publications.
         */
        public Builder relaySettings(PublicationRelay.Settings relaySettings) {
            this.relaySettings = requireNonNull(relaySettings, "relaySettings is null");
            return this;
        }

        /** When {@code loadFromHistory} stores snapshots, if the persistence keeps them; every 100 events by default. */
        public Builder snapshotPolicy(SnapshotPolicy snapshotPolicy) {
            this.snapshotPolicy = requireNonNull(snapshotPolicy, "snapshotPolicy is null");
            return this;
        }

        /** How catch-up subscriptions poll, hold their group's lease and store checkpoints; see {@link FeedSettings}. */
        public Builder feedSettings(FeedSettings feedSettings) {
            this.feedSettings = requireNonNull(feedSettings, "feedSettings is null");
            return this;
        }

        /**
         * The event classes, upcasters and serializer of typed appends and reads ({@link EventTypes}); none by
         * default, when events are appended as {@link NewEvent}s and read as they were stored.
         */
        public Builder eventTypes(EventTypes eventTypes) {
            this.eventTypes = requireNonNull(eventTypes, "eventTypes is null");
            return this;
        }

        /**
         * Where the store reports its work: Micrometer meters ({@code eventstream-micrometer}), OpenTelemetry spans
         * ({@code eventstream-opentelemetry}), or both through {@link StoreTelemetry#of}; none by default, at no
         * cost. Give the same telemetry to the adapters' configs for their AWS requests.
         */
        public Builder telemetry(StoreTelemetry telemetry) {
            this.telemetry = requireNonNull(telemetry, "telemetry is null");
            return this;
        }

        public DefaultEventStore build() {
            return new DefaultEventStore(this);
        }
    }

    private final class StoredStream implements EventStream {
        private final StreamKey key;

        StoredStream(StreamKey key) {
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
        public RecordedEvent addEvent(Object event) {
            return append(ExpectedVersion.any(), List.of(requireNonNull(event, "event is null"))).events().get(0);
        }

        @Override
        public AppendResult append(ExpectedVersion expected, List<?> events) {
            return DefaultEventStore.this.append(key, expected, events, EventMetadata.none());
        }

        @Override
        public AppendResult append(ExpectedVersion expected, List<?> events, EventMetadata metadata) {
            return DefaultEventStore.this.append(key, expected, events, metadata);
        }

        @Override
        public List<RecordedEvent> getEvents() {
            return List.copyOf(reads.list(Instrumented.read(telemetry, OperationStart.readStream(key),
                    () -> persistence.read(key, 1, Long.MAX_VALUE))));
        }

        @Override
        public Stream<RecordedEvent> readEvents() {
            return reads.stream(persistence.readLazily(key, 1, READ_PAGE_SIZE));
        }

        @Override
        public List<RecordedEvent> getEvents(long offset, int limit) {
            checkPage(offset, limit);
            if (offset == Long.MAX_VALUE) {
                return List.of();
            }
            return List.copyOf(reads.list(Instrumented.read(telemetry, OperationStart.readStream(key),
                    () -> persistence.read(key, offset + 1, limit))));
        }

        @Override
        public History loadFromHistory() {
            return Instrumented.timed(telemetry, OperationStart.load(key), () -> loading.history(key));
        }

        @Override
        public <S, E> Folded<S> load(Fold<S, E> fold) {
            requireNonNull(fold, "fold is null");
            return Instrumented.timed(telemetry, OperationStart.load(key), () -> loading.state(key, fold));
        }

        @Override
        public String toString() {
            return "EventStream[" + key + "]";
        }
    }
}

package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The feed side of a {@link DefaultEventStore}: reading the feed, catch-up subscriptions, and the store's own
 * notifications group, all through the store's {@link TypedReads}. The subscriptions' threads start with the first
 * subscription and stop when this is closed.
 */
final class StoreFeed implements AutoCloseable {
    private final EventPersistence persistence;
    private final FeedSettings settings;
    private final TypedReads reads;
    private final StoreTelemetry telemetry;
    private @Nullable FeedSubscriptions subscriptions;
    private boolean closed;

    StoreFeed(EventPersistence persistence, FeedSettings settings, TypedReads reads, StoreTelemetry telemetry) {
        this.persistence = persistence;
        this.settings = settings;
        this.reads = reads;
        this.telemetry = telemetry;
    }

    /**
     * Fixes where this store's notifications group starts, before this store can append: a group that never ran
     * starts at the feed's end as it is now (so that none of this store's events is passed over, and a store newly
     * publishing on a table with history does not publish that history). Read first: every start but the table's
     * first finds the checkpoint in one read, instead of reading the feed's end and writing a checkpoint that is
     * left as it is.
     */
    void initializeNotifications() {
        FeedStorage storage = storage();
        if (storage.checkpoints().load(FeedNotifications.GROUP).isEmpty()) {
            storage.checkpoints().initialize(FeedNotifications.GROUP, storage.entries().head());
        }
    }

    /** Starts this store's instance of the notifications group, once {@link #initializeNotifications} returned. */
    FeedSubscription startNotifications(EventPublisher publisher, PublicationRelay.Settings pacing) {
        return subscriptions().start(FeedNotifications.FEED_GROUP,
                new FeedNotifications(publisher, new Backoff(pacing.retryBackoff(), pacing.maxBackoff())));
    }

    /** Waits until {@code notifications} has published up to the feed's head as it is now. */
    boolean drain(FeedSubscription notifications, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long head = storage().entries().head();
        while (notifications.position() < head || !notifications.isActive()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** At most {@code limit} entries from {@code fromPosition} on; the arguments are checked by the caller. */
    List<FeedEntry> read(long fromPosition, int limit) {
        EventFeed feed = storage().entries();
        List<FeedEntry> entries = new ArrayList<>();
        long next = fromPosition;
        while (entries.size() < limit) {
            FeedPage page = feed.read(next, limit - entries.size(), FeedFilter.all());
            if (page.nextPosition() == next) {
                break;
            }
            entries.addAll(page.entries());
            next = page.nextPosition();
        }
        return List.copyOf(reads.entries(entries, FeedFilter.all()));
    }

    Stream<FeedEntry> read(long fromPosition, FeedFilter filter) {
        return reads.entries(FeedReading.lazily(storage().entries(), fromPosition, reads.storedFilter(filter),
                DefaultEventStore.READ_PAGE_SIZE), filter);
    }

    FeedSubscription subscribe(CatchUp catchUp, Consumer<FeedEntry> subscriber) {
        FeedGroup group = FeedGroup.of(requireNonNull(catchUp, "catchUp is null"));
        requireNonNull(subscriber, "subscriber is null");
        return subscriptions().start(group.withFilter(reads.storedFilter(group.filter())),
                Instrumented.processingEntries(telemetry, group.name(),
                        reads.feedSubscriber(subscriber, group.filter())));
    }

    private synchronized FeedSubscriptions subscriptions() {
        if (closed) {
            throw new IllegalStateException("this event store is closed");
        }
        if (subscriptions == null) {
            subscriptions = new FeedSubscriptions(storage(), settings, Clock.systemUTC(), telemetry);
        }
        return subscriptions;
    }

    private FeedStorage storage() {
        return persistence.feed().orElseThrow(() -> new IllegalStateException(
                persistence.getClass().getSimpleName() + " keeps no feed: reading the feed and catch-up"
                        + " subscriptions need a persistence with one"));
    }

    /** After a restore from a snapshot: the running subscriptions take new lease owner ids. */
    void takeNewIdentities() {
        FeedSubscriptions running;
        synchronized (this) {
            running = subscriptions;
        }
        if (running != null) {
            running.takeNewIdentities();
        }
    }

    /** Closes the catch-up subscriptions, each storing its checkpoint; later subscriptions are refused. */
    @Override
    public void close() {
        FeedSubscriptions running;
        synchronized (this) {
            closed = true;
            running = subscriptions;
        }
        if (running != null) {
            running.close();
        }
    }
}

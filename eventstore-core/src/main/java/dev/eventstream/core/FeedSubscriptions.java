package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts the catch-up subscriptions of one store over its {@link FeedStorage}, and closes those still open when the
 * store closes.
 */
final class FeedSubscriptions implements AutoCloseable {
    private final FeedStorage storage;
    private final FeedSettings settings;
    private final Clock clock;
    private final Supplier<String> ownerIds;
    private final StoreTelemetry telemetry;
    private final Set<FeedSubscriptionRunner> open = ConcurrentHashMap.newKeySet();

    FeedSubscriptions(FeedStorage storage, FeedSettings settings, Clock clock, StoreTelemetry telemetry) {
        this(storage, settings, clock, () -> UUID.randomUUID().toString(), telemetry);
    }

    /** With the lease owner ids {@code ownerIds} makes, one per instance and one more per new identity. */
    FeedSubscriptions(FeedStorage storage, FeedSettings settings, Clock clock, Supplier<String> ownerIds,
            StoreTelemetry telemetry) {
        this.ownerIds = requireNonNull(ownerIds, "ownerIds is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts an instance of {@code group} delivering to {@code subscriber} on a thread of its own. Does no I/O. */
    FeedSubscription start(FeedGroup group, Consumer<FeedEntry> subscriber) {
        requireNonNull(group, "group is null");
        requireNonNull(subscriber, "subscriber is null");
        return started(new FeedSubscriptionRunner(group, subscriber, storage, settings, clock, ownerIds,
                open::remove, telemetry));
    }

    /** Starts an instance of the store's own {@code group}, handing whole pages to {@code pages}. Does no I/O. */
    FeedSubscription start(FeedGroup group, PageHandler pages) {
        requireNonNull(group, "group is null");
        requireNonNull(pages, "pages is null");
        return started(new FeedSubscriptionRunner(group, pages, storage, settings, clock, ownerIds, open::remove,
                telemetry));
    }

    private FeedSubscription started(FeedSubscriptionRunner runner) {
        open.add(runner);
        runner.start();
        return runner;
    }

    /** Gives every open subscription a new lease owner id: see {@link FeedSubscriptionRunner#takeNewIdentity()}. */
    void takeNewIdentities() {
        open.forEach(FeedSubscriptionRunner::takeNewIdentity);
    }

    /** Closes every subscription still open, each storing its checkpoint and releasing its lease. */
    @Override
    public void close() {
        List<FeedSubscriptionRunner> running = List.copyOf(open);
        // All told first, so that their close timeouts run side by side rather than one after another.
        running.forEach(FeedSubscriptionRunner::stopSoon);
        running.forEach(FeedSubscriptionRunner::close);
    }
}

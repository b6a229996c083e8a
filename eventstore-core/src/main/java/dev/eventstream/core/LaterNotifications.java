package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.ParkedEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store's notifications group, started off the store's constructor so that a store is made without a request
 * (what an AWS Lambda function's cold start needs), through a {@link DeferredStart}: the group's checkpoint is
 * initialized at once on a thread of its own, and the first append waits for that before it writes, so none of this
 * store's events is passed over; the group's instance starts when the first append has returned or
 * {@link DeferredStart#DELAY} has passed (at once on {@link #startNow()}), so that catching up does not compete with
 * the first append. Nothing is lost meanwhile: the group publishes from its checkpoint, whenever it starts.
 */
final class LaterNotifications implements FeedSubscription {
    private final Supplier<FeedSubscription> start;
    private final Object lock = new Object();
    private @Nullable FeedSubscription started;
    private boolean closed;
    private final DeferredStart<Void> deferred;

    LaterNotifications(Runnable initialize, Supplier<FeedSubscription> start) {
        requireNonNull(initialize, "initialize is null");
        this.start = requireNonNull(start, "start is null");
        this.deferred = new DeferredStart<>("eventstream-notifications-start", "initializing the notifications group",
                () -> {
                    initialize.run();
                    return null;
                }, initialized -> startGroup());
    }

    /**
     * Returns once the group's checkpoint is initialized; throws what initializing threw, and tries again at the
     * next call.
     */
    void awaitInitialized() {
        deferred.awaitPrepared();
    }

    /** After the first append returned: the group may start. */
    void firstAppendReturned() {
        deferred.release();
    }

    /** The group starts now (once initialized), for a caller that waits for it (draining). */
    void startNow() {
        deferred.startNow();
    }

    private void startGroup() {
        synchronized (lock) {
            if (!closed && started == null) {
                started = start.get();
            }
        }
    }

    private @Nullable FeedSubscription started() {
        synchronized (lock) {
            return started;
        }
    }

    @Override
    public String group() {
        return FeedNotifications.GROUP;
    }

    @Override
    public boolean isActive() {
        FeedSubscription current = started();
        return current != null && current.isActive();
    }

    @Override
    public long position() {
        FeedSubscription current = started();
        return current == null ? 0 : current.position();
    }

    @Override
    public Optional<Throwable> failure() {
        FeedSubscription current = started();
        return current == null ? Optional.empty() : current.failure();
    }

    @Override
    public List<ParkedEntry> parked(int limit) {
        FeedSubscription current = started();
        return current == null ? List.of() : current.parked(limit);
    }

    @Override
    public int retryParked() {
        FeedSubscription current = started();
        return current == null ? 0 : current.retryParked();
    }

    @Override
    public void close() {
        FeedSubscription current;
        synchronized (lock) {
            closed = true;
            current = started;
        }
        deferred.close();
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        return "LaterNotifications[" + started() + "]";
    }
}

package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.ParkedEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's notifications group, started off the store's constructor so that a store is made without a request
 * (what an AWS Lambda function's cold start needs). A thread of its own initializes the group's checkpoint at once,
 * and the first append waits for that before it writes, so none of this store's events is passed over. The group's
 * instance starts on the same thread when the first append has returned or {@link #DELAY} has passed, whichever
 * comes first (at once when {@link #startNow()} is called), so that catching up does not compete with the first
 * append. Nothing is lost meanwhile: the group publishes from its checkpoint, whenever it starts.
 */
final class LaterNotifications implements FeedSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(LaterNotifications.class);
    /** Longest a store that does not append waits before its notifications group starts. */
    static final Duration DELAY = Duration.ofSeconds(1);

    private final SharedAttempt<Void> initialize;
    private final Supplier<FeedSubscription> start;
    private final CountDownLatch go = new CountDownLatch(1);
    private final Object lock = new Object();
    private @Nullable FeedSubscription started;
    private boolean closed;
    private final Thread thread;

    LaterNotifications(Runnable initialize, Supplier<FeedSubscription> start) {
        requireNonNull(initialize, "initialize is null");
        this.initialize = new SharedAttempt<>(() -> {
            initialize.run();
            return null;
        }, "initializing the notifications group");
        this.start = requireNonNull(start, "start is null");
        this.thread = new Thread(this::run, "eventstream-notifications-start");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            awaitInitialized();
        } catch (RuntimeException e) {
            // The first append reports it and tries again; the group then starts after that append.
            LOG.warn("Initializing the notifications group failed: {}", e.getMessage());
        }
        try {
            go.await(DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException closing) {
            return;
        }
        startGroup();
    }

    /**
     * Returns once the group's checkpoint is initialized; throws what initializing threw, and tries again at the
     * next call.
     */
    void awaitInitialized() {
        initialize.get();
    }

    /** After the first append returned: the group may start. */
    void firstAppendReturned() {
        go.countDown();
    }

    /** The group starts now (once initialized), for a caller that waits for it (draining). */
    void startNow() {
        go.countDown();
        if (initialize.passed()) {
            startGroup();
        }
    }

    private void startGroup() {
        if (!initialize.passed()) {
            try {
                awaitInitialized();
            } catch (RuntimeException e) {
                LOG.warn("Initializing the notifications group failed; it starts after the next append", e);
                return;
            }
        }
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
        thread.interrupt();
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        return "LaterNotifications[" + started() + "]";
    }
}

package dev.eventstream.core;

import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedStart;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.Limits;
import dev.eventstream.api.ParkedEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.StoreTelemetry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of a consumer group in this process, on a daemon thread of its own named after the group.
 *
 * <p>The loop: hold the group's lease ({@code group:<name>}, renewed about every third of its duration, and checked
 * between entries too), or stand by and try again as often; on taking it, start after the stored checkpoint, or at
 * the group's start ({@link FeedStart#end()} stores the feed's head as the checkpoint at once); read a page, hand
 * each entry the filter keeps to the {@link EntryDelivery}, move the position over the page, and let the
 * {@link CheckpointBatcher} write it when due; at the end of the feed, wait for an {@link EventFeed#onAdvance}
 * signal or the poll interval. A failure of the storage (a read, a checkpoint write, a lease call) is logged in one
 * line and retried after a {@link Backoff}; it never ends the loop. Only {@link #close()} or a group that stops on
 * a failing entry does.
 */
final class FeedSubscriptionRunner implements FeedSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSubscriptionRunner.class);

    private final FeedGroup group;
    private final FeedStorage storage;
    private final FeedSettings settings;
    /** Who holds the lease: a new id when the process was restored from a snapshot ({@link #takeNewIdentity()}). */
    private volatile String owner;
    private final Supplier<String> ownerIds;
    /** Set by {@link #takeNewIdentity()}: the lease is checked at the next chance, not when its renewal is due. */
    private volatile boolean checkLeaseNow;
    private final Wakeup wakeup = new Wakeup();
    private final EntryDelivery delivery;
    private final @Nullable PageHandler pages;
    private final CheckpointBatcher checkpoint;
    private final Backoff backoff;
    private final RepeatedFailureLog failureTraces = new RepeatedFailureLog(LOG);
    private final Consumer<FeedSubscriptionRunner> onClosed;
    private final StoreTelemetry telemetry;
    private final GroupLag lag;
    private StoreTelemetry.Registration lagGauge = StoreTelemetry.Registration.NONE;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean closing;
    private volatile boolean active;
    /** Whether this instance ever held the lease: it may still hold it after a failed renewal. */
    private volatile boolean everHeld;
    private volatile long position;
    private volatile @Nullable Throwable failure;
    private volatile @Nullable AutoCloseable advanceListener;

    // Owned by the subscription's thread.
    private boolean started;
    private long nextRenewalNanos;
    private long leaseHeldUntilNanos;
    private int storageFailures;

    FeedSubscriptionRunner(FeedGroup group, Consumer<FeedEntry> subscriber, FeedStorage storage, FeedSettings settings,
            Clock clock, Supplier<String> ownerIds, Consumer<FeedSubscriptionRunner> onClosed,
            StoreTelemetry telemetry) {
        this(group, subscriber, null, storage, settings, clock, ownerIds, onClosed, telemetry);
    }

    /** A group of the store's own that handles whole pages ({@code pages}) rather than one entry at a time. */
    FeedSubscriptionRunner(FeedGroup group, PageHandler pages, FeedStorage storage, FeedSettings settings,
            Clock clock, Supplier<String> ownerIds, Consumer<FeedSubscriptionRunner> onClosed,
            StoreTelemetry telemetry) {
        this(group, entry -> {
            throw new IllegalStateException("group " + group.name() + " handles whole pages");
        }, pages, storage, settings, clock, ownerIds, onClosed, telemetry);
    }

    private FeedSubscriptionRunner(FeedGroup group, Consumer<FeedEntry> subscriber, @Nullable PageHandler pages,
            FeedStorage storage, FeedSettings settings, Clock clock, Supplier<String> ownerIds,
            Consumer<FeedSubscriptionRunner> onClosed, StoreTelemetry telemetry) {
        this.ownerIds = ownerIds;
        this.telemetry = telemetry;
        this.lag = new GroupLag(clock);
        this.owner = ownerIds.get();
        this.group = group;
        this.pages = pages;
        this.storage = storage;
        this.settings = settings;
        this.onClosed = onClosed;
        this.delivery = new EntryDelivery(group, subscriber, storage.parked(), clock, wakeup, () -> closing,
                telemetry);
        this.checkpoint = new CheckpointBatcher(storage.checkpoints(), group.name(), settings.checkpointInterval());
        Duration firstWait = settings.pollInterval();
        this.backoff = new Backoff(firstWait, max(firstWait, settings.renewInterval()));
        this.thread = new Thread(this::run, "eventstream-feed-" + group.name());
        this.thread.setDaemon(true);
    }

    /**
     * After this process was restored from a snapshot (AWS Lambda SnapStart, CRaC): every environment restored from
     * it holds this instance with the same owner id, and each would take the lease as its own. A new id makes the
     * next lease check, at the next entry, fail while the old lease runs (the instance stands by), and lets one
     * environment take the lease once it has expired.
     */
    void takeNewIdentity() {
        owner = ownerIds.get();
        checkLeaseNow = true;
        wakeup.signal();
    }

    /** Starts delivering; called once, by the factory. */
    void start() {
        lagGauge = telemetry.gauge(Meter.SUBSCRIPTION_LAG, lag::seconds, group.name());
        try {
            advanceListener = storage.entries().onAdvance(wakeup::signal);
        } catch (RuntimeException e) {
            LOG.warn("Group {} could not listen for new feed entries ({}); it polls instead", group.name(),
                    describe(e));
        }
        thread.start();
    }

    @Override
    public String group() {
        return group.name();
    }

    @Override
    public boolean isActive() {
        return active && !closed.get();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public List<ParkedEntry> parked(int limit) {
        if (limit < 1 || limit > Limits.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    String.format("limit must be between 1 and %d, was %d", Limits.MAX_PAGE_SIZE, limit));
        }
        return List.copyOf(storage.parked().list(group.name(), limit));
    }

    @Override
    public int retryParked() {
        if (closed.get()) {
            throw new IllegalStateException("the subscription of group " + group.name() + " is closed");
        }
        int handled = 0;
        for (ParkedEntry entry : storage.parked().list(group.name(), Limits.MAX_PAGE_SIZE)) {
            if (delivery.attempt(entry.entry()) == null) {
                storage.parked().remove(group.name(), entry.position());
                handled++;
            }
        }
        return handled;
    }

    /**
     * Stops delivery: waits for the entry in hand for at most {@link FeedSettings#closeTimeout()}, stores the
     * checkpoint reached and releases the lease. Never throws; closing twice is harmless.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopSoon();
        try {
            if (Thread.currentThread() != thread) {
                thread.join(Math.max(1, settings.closeTimeout().toMillis()));
                if (thread.isAlive()) {
                    LOG.warn("Group {}: the subscriber did not return within {}; closing without it",
                            group.name(), settings.closeTimeout());
                    // The checkpoint first, so it holds only what was handled before the close; the entry in hand
                    // is delivered again by the next holder.
                    finish();
                    thread.interrupt();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish();
        } catch (RuntimeException e) {
            LOG.warn("Closing the subscription of group {} failed: {}", group.name(), describe(e));
        } finally {
            onClosed.accept(this);
        }
    }

    /** Tells the thread to stop after the entry in hand, without waiting: a store closes all its groups at once. */
    void stopSoon() {
        closing = true;
        wakeup.signal();
    }

    private void run() {
        try {
            while (!closing && failure == null) {
                try {
                    step();
                    storageFailures = 0;
                } catch (RuntimeException e) {
                    if (closing) {
                        break;
                    }
                    storageFailures++;
                    Duration wait = backoff.delay(storageFailures);
                    // One line per failure, no stack trace: an outage would otherwise fill the log.
                    LOG.warn("Group {} at feed position {}: {} ({} in a row); trying again in {}", group.name(),
                            position, describe(e), storageFailures, wait);
                    failureTraces.debugStackTrace(e, "Feed subscription failure of group {}", group.name());
                    wakeup.sleepUnless(() -> closing, wait);
                }
            }
        } catch (Error e) {
            LOG.error("The subscription of group {} ends on an error", group.name(), e);
            throw e;
        } finally {
            finish();
        }
    }

    /** One turn of the loop: stand by, or deliver a page, or wait at the end of the feed. */
    private void step() {
        if (!holdsLease()) {
            // Not woken by new entries: standing by, there is nothing to read, only the lease to try again.
            wakeup.sleepUnless(() -> closing, settings.renewInterval());
            return;
        }
        if (!started) {
            begin();
        }
        if (!deliverPage()) {
            checkpoint.flushIfDue();
            wakeup.await(settings.pollInterval());
        }
    }

    /**
     * Takes or renews the group's lease when the renewal is due; cheap otherwise.
     *
     * @return whether this instance holds it
     */
    private boolean holdsLease() {
        long now = System.nanoTime();
        if (checkLeaseNow) {
            checkLeaseNow = false;
        } else if (active && now - nextRenewalNanos < 0) {
            return true;
        }
        boolean held;
        try {
            held = storage.leases().tryAcquire(group.leaseName(), owner, settings.leaseDuration());
        } catch (RuntimeException e) {
            // Unknown whether the lease is still ours: it is, at most, until its duration ran out since the last
            // renewal; by then another instance may have taken over.
            if (active && now - leaseHeldUntilNanos >= 0) {
                lostLease();
            }
            throw e;
        }
        if (held) {
            if (!active) {
                LOG.info("Group {} holds its lease and delivers from here (owner {})", group.name(), owner);
            }
            active = true;
            everHeld = true;
            nextRenewalNanos = now + settings.renewInterval().toNanos();
            leaseHeldUntilNanos = now + settings.leaseDuration().toNanos();
        } else if (active) {
            lostLease();
        }
        return held;
    }

    private void lostLease() {
        active = false;
        started = false;
        LOG.info("Group {} lost its lease at feed position {}; standing by", group.name(), position);
        try {
            checkpoint.flush();
        } catch (RuntimeException e) {
            LOG.warn("Group {}: storing checkpoint {} failed: {}", group.name(), position, describe(e));
        }
    }

    /** Starts after the stored checkpoint, or where the group starts when it has none. */
    private void begin() {
        OptionalLong stored = storage.checkpoints().load(group.name());
        FeedStart start = group.start();
        if (stored.isPresent()) {
            checkpoint.startAt(stored.getAsLong());
        } else if (start.isEnd()) {
            // Stored at once, so that an instance taking over later starts here too, not at its own "end".
            checkpoint.storeNow(storage.entries().head());
        } else {
            checkpoint.startAt(start.afterPosition());
        }
        position = checkpoint.position();
        started = true;
        LOG.debug("Group {} starts after feed position {}", group.name(), position);
    }

    /**
     * Reads one page after the position and delivers it.
     *
     * @return false when the feed has nothing after the position
     */
    private boolean deliverPage() {
        long from = position + 1;
        FeedPage page = storage.entries().read(from, settings.pageSize(), group.filter());
        if (page.nextPosition() <= from) {
            lag.caughtUp();
            return false;
        }
        lag.reading(page.entries());
        if (pages != null) {
            if (!page.entries().isEmpty() && !pages.handle(page.entries(), () -> !closing && holdsLease())) {
                return true; // Not handled: the page is read again from the same position.
            }
            moveTo(page.nextPosition() - 1);
            checkpoint.flushIfDue();
            return true;
        }
        for (FeedEntry entry : page.entries()) {
            if (closing || !holdsLease()) {
                return true;
            }
            EntryDelivery.Outcome outcome = delivery.deliver(entry);
            if (outcome == EntryDelivery.Outcome.ABANDONED) {
                return true;
            }
            if (outcome == EntryDelivery.Outcome.STOPPED) {
                failure = delivery.lastFailure();
                active = false;
                return true;
            }
            moveTo(entry.position());
        }
        // Entries the filter left out count as handled too: the position passes over them.
        moveTo(page.nextPosition() - 1);
        checkpoint.flushIfDue();
        return true;
    }

    private void moveTo(long reached) {
        checkpoint.reached(reached);
        position = checkpoint.position();
    }

    /** Stores the checkpoint reached and gives the lease up; once, from whichever thread gets here first. */
    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        active = false;
        lagGauge.close();
        closeListener();
        try {
            checkpoint.flush();
        } catch (RuntimeException e) {
            LOG.warn("Group {}: storing checkpoint {} on close failed: {}; the next holder repeats what came after"
                    + " the stored one", group.name(), position, describe(e));
        }
        try {
            // Only an instance that held the lease releases it: a standby's release would be a refused write
            // (which DynamoDB charges for) on every close.
            if (everHeld) {
                storage.leases().release(group.leaseName(), owner);
            }
        } catch (RuntimeException e) {
            LOG.warn("Group {}: releasing the lease failed: {}; another instance takes over once it expires",
                    group.name(), describe(e));
        }
        if (failure == null) {
            LOG.debug("The subscription of group {} stopped at feed position {}", group.name(), position);
        }
    }

    private void closeListener() {
        AutoCloseable listener = advanceListener;
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (Exception e) {
            LOG.debug("Removing the feed listener of group {} failed", group.name(), e);
        }
    }

    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "FeedSubscription[group=" + group.name() + ", position=" + position + ", active=" + isActive() + "]";
    }
}

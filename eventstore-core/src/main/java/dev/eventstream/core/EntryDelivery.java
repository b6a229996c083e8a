package dev.eventstream.core;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.ParkedEntry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.StoreTelemetry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one entry to a group's subscriber: retried {@code maxAttempts} times {@code retryDelay} apart while it
 * throws, then parked or the group stopped, per the group's {@link CatchUp.OnFailure}. Calls to the subscriber are
 * serialized (the subscription's own thread and {@code retryParked} share it), so it is never called by two threads
 * at once.
 */
final class EntryDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(EntryDelivery.class);
    /** Reasons are kept short: they are stored with the parked entry, and a message may be very long. */
    static final int MAX_REASON_CHARS = 1_000;

    /** What became of an entry. */
    enum Outcome {
        /** The subscriber returned. */
        HANDLED,
        /** The subscriber kept failing; the entry is parked. */
        PARKED,
        /** The subscriber kept failing and the group stops at the entry; see {@link #lastFailure()}. */
        STOPPED,
        /** The subscription is closing: the entry was not handled. */
        ABANDONED
    }

    private final FeedGroup group;
    private final Consumer<FeedEntry> subscriber;
    private final ParkedEntryStore parked;
    private final Clock clock;
    private final ReentrantLock calls = new ReentrantLock();
    private final Wakeup wakeup;
    private final BooleanSupplier closing;
    private final StoreTelemetry telemetry;
    private volatile @Nullable Throwable lastFailure;

    EntryDelivery(FeedGroup group, Consumer<FeedEntry> subscriber, ParkedEntryStore parked, Clock clock,
            Wakeup wakeup, BooleanSupplier closing, StoreTelemetry telemetry) {
        this.telemetry = telemetry;
        this.group = group;
        this.subscriber = subscriber;
        this.parked = parked;
        this.clock = clock;
        this.wakeup = wakeup;
        this.closing = closing;
    }

    /**
     * Delivers {@code entry} with the group's retries. Parking writes to the {@link ParkedEntryStore}; a failure of
     * that write propagates, and the entry counts as not handled.
     */
    Outcome deliver(FeedEntry entry) {
        Throwable failure = null;
        for (int attempt = 1; attempt <= group.maxAttempts(); attempt++) {
            if (attempt > 1 && !wakeup.sleepUnless(closing, group.retryDelay())) {
                return Outcome.ABANDONED;
            }
            failure = attempt(entry);
            if (failure == null) {
                return Outcome.HANDLED;
            }
            LOG.debug("Group {}: attempt {} of {} at feed position {} failed", group.name(), attempt,
                    group.maxAttempts(), entry.position(), failure);
        }
        lastFailure = failure;
        String reason = reason(failure);
        if (group.onFailure() == CatchUp.OnFailure.STOP) {
            LOG.error("Group {} stops at feed position {} (stream {}, event {}) after {} attempts: {}", group.name(),
                    entry.position(), entry.stream(), entry.event().sequence(), group.maxAttempts(), reason);
            return Outcome.STOPPED;
        }
        parked.park(new ParkedEntry(group.name(), entry, group.maxAttempts(), reason,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        telemetry.count(Meter.SUBSCRIPTION_PARKED, 1, group.name());
        LOG.warn("Group {} parked feed position {} (stream {}, event {}) after {} attempts: {}", group.name(),
                entry.position(), entry.stream(), entry.event().sequence(), group.maxAttempts(), reason);
        return Outcome.PARKED;
    }

    /** One call of the subscriber; its failure, or null when it returned. */
    @Nullable Throwable attempt(FeedEntry entry) {
        calls.lock();
        try {
            subscriber.accept(entry);
            return null;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Any failure of the subscriber's own (an assertion, a checked exception thrown sneakily) is its
            // failure on this entry, not the subscription's.
            return e;
        } finally {
            calls.unlock();
        }
    }

    /** The failure that made the group stop or park last. */
    @Nullable Throwable lastFailure() {
        return lastFailure;
    }

    /** The failure's type and message, as a parked entry keeps it. */
    static String reason(Throwable failure) {
        String message = failure.getMessage();
        String reason = message == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + message;
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
    }
}

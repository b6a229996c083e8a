package dev.eventstream.core;

import dev.eventstream.api.StreamKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The streams a {@link PublicationRelay} holds back: their later events must not be published before the earlier
 * ones, which failed to publish or whose append ended in doubt. Each is retried on its own schedule, with its own
 * backoff, so one stream that keeps failing delays no other. Owned by the relay's thread; {@link #parked()} may be
 * read from any thread.
 */
final class HeldStreams {
    private final Backoff backoff;
    private final Duration settleTime;
    private final Clock clock;
    private final Map<StreamKey, Held> held = new LinkedHashMap<>();
    private volatile List<ParkedStream> parked = List.of();

    /**
     * @param settleTime how long a stream whose append ended in doubt waits before its outbox is read: what a
     *     write that did land needs to show in every read
     */
    HeldStreams(Backoff backoff, Duration settleTime, Clock clock) {
        this.backoff = backoff;
        this.settleTime = settleTime;
        this.clock = clock;
    }

    /** One held stream: where its unpublished events may start, and when to try again. */
    static final class Held {
        final StreamKey stream;
        long fromSequence;
        int failures;
        @Nullable String reason;
        @Nullable Instant since;
        long nextAttemptNanos;

        Held(StreamKey stream, long fromSequence, long nextAttemptNanos) {
            this.stream = stream;
            this.fromSequence = fromSequence;
            this.nextAttemptNanos = nextAttemptNanos;
        }
    }

    boolean contains(StreamKey stream) {
        return held.containsKey(stream);
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /**
     * Holds {@code stream} because an append to it ended in doubt: its events from {@code fromSequence} on may be
     * stored or not. Its outbox is read after the settle time.
     */
    void holdInDoubt(StreamKey stream, long fromSequence) {
        Held entry = held.get(stream);
        if (entry == null) {
            held.put(stream, new Held(stream, fromSequence, System.nanoTime() + settleTime.toNanos()));
        } else {
            entry.fromSequence = Math.min(entry.fromSequence, fromSequence);
        }
    }

    /** Records a failed attempt to publish {@code stream} from {@code fromSequence}; the next waits longer. */
    Held failed(StreamKey stream, long fromSequence, RuntimeException failure) {
        Held entry = held.computeIfAbsent(stream, key -> new Held(key, fromSequence, 0));
        entry.fromSequence = Math.min(entry.fromSequence, fromSequence);
        entry.failures++;
        entry.reason = describe(failure);
        if (entry.since == null) {
            entry.since = clock.instant();
        }
        entry.nextAttemptNanos = System.nanoTime() + backoff.delay(entry.failures).toNanos();
        refreshParked();
        return entry;
    }

    /** The stream's events up to {@code nextSequence - 1} are out; the rest is due at once. */
    void progressed(StreamKey stream, long nextSequence) {
        Held entry = held.get(stream);
        if (entry != null) {
            entry.fromSequence = nextSequence;
            entry.failures = 0;
            entry.reason = null;
            entry.since = null;
            entry.nextAttemptNanos = System.nanoTime();
            refreshParked();
        }
    }

    void release(StreamKey stream) {
        if (held.remove(stream) != null) {
            refreshParked();
        }
    }

    /** The held streams due now, or all of them with {@code all}; in the order they were first held. */
    List<Held> due(boolean all) {
        long now = System.nanoTime();
        List<Held> due = new ArrayList<>();
        for (Held entry : held.values()) {
            if (all || entry.nextAttemptNanos - now <= 0) {
                due.add(entry);
            }
        }
        return due;
    }

    /** When the earliest held stream is due, as a {@link System#nanoTime()} value; {@code otherwise} when none is. */
    long nextAttemptNanos(long otherwise) {
        long next = otherwise;
        for (Held entry : held.values()) {
            if (entry.nextAttemptNanos - next < 0) {
                next = entry.nextAttemptNanos;
            }
        }
        return next;
    }

    Duration waitAfter(Held entry) {
        return Duration.ofNanos(Math.max(0, entry.nextAttemptNanos - System.nanoTime()));
    }

    /** The streams whose publication failed, with the reason of their last failure; a snapshot, any thread. */
    List<ParkedStream> parked() {
        return parked;
    }

    private void refreshParked() {
        long now = System.nanoTime();
        Instant wallNow = clock.instant();
        List<ParkedStream> snapshot = new ArrayList<>();
        for (Held entry : held.values()) {
            if (entry.failures > 0 && entry.reason != null && entry.since != null) {
                snapshot.add(new ParkedStream(entry.stream, entry.fromSequence, entry.failures, entry.reason,
                        entry.since, wallNow.plusNanos(Math.max(0, entry.nextAttemptNanos - now))));
            }
        }
        parked = List.copyOf(snapshot);
    }

    /** A failure's type and message: what an operator needs, and never an event's data. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.StreamKey;
import dev.eventstream.core.BoundedCache;
import java.time.Duration;

/**
 * The streams other processes were lately seen appending to while this one did (it lost a race, or found that
 * others had appended since its last append), with how long that request took: one round trip to DynamoDB, the unit
 * the retry pauses are measured in. For the most recently contended streams only; a stream no other process writes
 * never gets an entry.
 */
final class ContendedStreams {
    /** No entry: the stream was not contended within the window. */
    static final long NOT_CONTENDED = 0;

    private final BoundedCache<StreamKey, long[]> streams;
    private final long windowNanos;

    ContendedStreams(int capacity, Duration window) {
        this.windowNanos = window.toNanos();
        this.streams = new BoundedCache<>(capacity);
    }

    /**
     * Records that a request on {@code stream} that took {@code roundNanos} found, at {@code nowNanos}, that another
     * process had appended.
     */
    void sawOthersWriting(StreamKey stream, long nowNanos, long roundNanos) {
        streams.put(stream, new long[] {nowNanos, Math.max(1, roundNanos)});
    }

    /**
     * The round trip of the request that last found others appending to {@code stream}, when that was within the
     * window before {@code nowNanos} (times from {@link System#nanoTime()}); else {@link #NOT_CONTENDED}.
     */
    long recentRoundNanos(StreamKey stream, long nowNanos) {
        long[] entry = streams.get(stream);
        if (entry == null) {
            return NOT_CONTENDED;
        }
        if (nowNanos - entry[0] > windowNanos) {
            streams.remove(stream);
            return NOT_CONTENDED;
        }
        return entry[1];
    }
}

package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.StreamKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an indexer that is not alone in writing the feed (AWS Lambda invocations of several shards at once) knows
 * of the feed's end between its batches: the next position, the checkpoints and the last entries, as they were
 * after the last chunk it wrote or read. It changes only with chunks known to be stored, never with what an
 * indexing attempt merely accepted, so a fresh {@link FeedOrdering} warmed from {@link #asTail()} always knows
 * exactly how far each recent stream is indexed up to {@link #nextPosition()}. When a write finds the next position
 * taken, {@link #catchUp} reads the chunks written since. Not thread-safe: its owner serializes the calls.
 */
final class KnownFeedEnd {
    private final int capacity;
    private final Deque<FeedPointer> recent = new ArrayDeque<>();
    private long nextPosition;
    private ShardCheckpoints checkpoints;
    private long newestRecordMillis;

    private KnownFeedEnd(int capacity, FeedTail tail) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        reset(tail);
    }

    /** Reads the feed's end with its last {@code capacity} entries: one or two consistent Queries. */
    static KnownFeedEnd read(FeedChunks chunks, int capacity) {
        return new KnownFeedEnd(capacity, chunks.tail(capacity));
    }

    long nextPosition() {
        return nextPosition;
    }

    ShardCheckpoints checkpoints() {
        return checkpoints;
    }

    /** The known end as a tail an {@link IndexingStep} starts from. */
    FeedTail asTail() {
        return new FeedTail(nextPosition, checkpoints, newestRecordMillis, List.copyOf(recent));
    }

    /** Notes a chunk stored at {@code firstPosition}, which must be the known next position. */
    void written(long firstPosition, List<FeedPointer> entries, ShardCheckpoints reached, long newest) {
        if (firstPosition != nextPosition) {
            throw new IllegalStateException("a chunk was stored at position " + firstPosition + " while the feed's"
                    + " end is known at " + nextPosition);
        }
        entries.forEach(this::remember);
        nextPosition += entries.size();
        checkpoints = reached;
        newestRecordMillis = Math.max(newestRecordMillis, newest);
    }

    /** Checkpoint moves without entries, which go out with the next chunk. */
    void reached(ShardCheckpoints reached) {
        checkpoints = requireNonNull(reached, "reached is null");
    }

    /**
     * Learns the chunks others wrote since the known end: the tail's last chunk, then the chunks from the known next
     * position to it (strongly consistent). When they are more than {@code capacity} entries, starts over from the
     * tail's last {@code capacity} entries instead, since what it remembered is older than those.
     */
    void catchUp(DynamoDbFeedChunks chunks) {
        FeedTail end = chunks.tail(0);
        if (end.nextPosition() <= nextPosition) {
            // Nothing new is visible yet; the next attempt finds out again.
            return;
        }
        if (end.nextPosition() - nextPosition > capacity) {
            reset(chunks.tail(capacity));
            return;
        }
        List<FeedChunk> written = chunks.covering(nextPosition, end.nextPosition() - 1, true);
        if (written.isEmpty() || written.get(0).firstPosition() != nextPosition) {
            // Not chunk-aligned with what this knew (a chunk of its own whose answer was lost starts there, so this
            // does not happen unless the feed table was changed by hand): start over from the tail.
            reset(chunks.tail(capacity));
            return;
        }
        for (FeedChunk chunk : written) {
            written(chunk.firstPosition(), chunk.entries(), chunk.checkpoints(), chunk.newestRecordMillis());
        }
    }

    /** How far each stream among the remembered entries is indexed. */
    Map<StreamKey, Long> indexedUpTo() {
        Map<StreamKey, Long> upTo = new HashMap<>();
        recent.forEach(entry -> upTo.merge(entry.stream(), entry.sequence(), Math::max));
        return upTo;
    }

    private void reset(FeedTail tail) {
        recent.clear();
        tail.recentEntries().forEach(this::remember);
        nextPosition = tail.nextPosition();
        checkpoints = tail.checkpoints();
        newestRecordMillis = tail.newestRecordMillis();
    }

    private void remember(FeedPointer entry) {
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(entry);
    }
}

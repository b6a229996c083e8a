package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.BoundedCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each stream's events in sequence order in the feed, and each event in it once. DynamoDB Streams may
 * deliver a record twice and, across shards, a stream's later event before an earlier one; the feed must do
 * neither. So this remembers, per stream, the last sequence indexed (for the most recently indexed streams): a
 * record at or below it is a duplicate; one further ahead than the next is preceded by the events between, read
 * from the events table (consistently) and indexed first, whose own records then arrive as duplicates.
 *
 * <p>A stream it does not remember (none of its events among the last entries the feed held at takeover, or
 * forgotten since) is taken as indexed up to the event before the record: its earlier records precede the shard
 * checkpoints. That holds while a stream's records come in order, as they do from the shard lineage of the one
 * table partition holding the stream (DynamoDB orders records per item only, so this is not relied on beyond the
 * cache, which bounds the protection). A record arriving out of order right
 * after a takeover, of a stream last indexed more than {@code capacity} entries back, would have its stream's
 * earlier event skipped (the later one came first) or indexed twice (it was read from the table before). Not
 * thread-safe: the indexing thread alone uses it.
 */
final class FeedOrdering {
    private static final Logger LOG = LoggerFactory.getLogger(FeedOrdering.class);

    private final BoundedCache<StreamKey, Long> indexedUpTo;
    private final TableEvents table;

    /** @param capacity how many streams to remember, at least 1 */
    FeedOrdering(int capacity, TableEvents table) {
        this.indexedUpTo = new BoundedCache<>(capacity);
        this.table = requireNonNull(table, "table is null");
    }

    /** Learns how far streams are indexed from the feed's last entries, oldest first. */
    void warmUp(List<FeedPointer> recentEntries) {
        for (FeedPointer entry : recentEntries) {
            indexedUpTo.merge(entry.stream(), entry.sequence(), Math::max);
        }
    }

    /** Learns how far streams are indexed from a rebuild of the feed, which knows it of every stream. */
    void learn(Map<StreamKey, Long> highestSequences) {
        highestSequences.forEach((stream, sequence) -> indexedUpTo.merge(stream, sequence, Math::max));
    }

    /**
     * The entries that {@code pointer}'s record adds to the feed, in feed order: none for a duplicate, the
     * pointer itself when it is its stream's next event, else the events before it not yet indexed, then it.
     *
     * @throws dev.eventstream.api.EventStoreException when reading the events table fails
     */
    List<FeedPointer> accept(FeedPointer pointer) {
        requireNonNull(pointer, "pointer is null");
        StreamKey stream = pointer.stream();
        long sequence = pointer.sequence();
        Long indexed = indexedUpTo.get(stream);
        if (indexed != null && sequence <= indexed) {
            return List.of();
        }
        if (indexed == null || sequence == indexed + 1) {
            indexedUpTo.put(stream, sequence);
            return List.of(pointer);
        }
        List<FeedPointer> entries = new ArrayList<>();
        long next = indexed + 1;
        for (RecordedEvent event : table.read(stream, next, sequence - next)) {
            if (event.sequence() >= next && event.sequence() < sequence) {
                entries.add(pointerOf(stream, event));
                next = event.sequence() + 1;
            }
        }
        if (next != sequence) {
            // Streams are gap-free, so this means TTL removed them before they were indexed.
            LOG.warn("Events {}..{} of stream {} are not in the events table (expired?); the feed goes on without"
                    + " them", next, sequence - 1, stream);
        }
        entries.add(pointer);
        indexedUpTo.put(stream, sequence);
        return entries;
    }

    private static FeedPointer pointerOf(StreamKey stream, RecordedEvent event) {
        return new FeedPointer(stream, event.sequence(), event.eventId(), event.eventType(),
                event.commitTimestamp().toEpochMilli());
    }
}

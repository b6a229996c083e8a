package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events a rebuild of the feed finds in the events table that the feed does not hold (sequence above the
 * stream's highest indexed one), and the order they go into the feed in: each stream's by sequence, the streams
 * merged by commit time. Memory: one entry (about 150 bytes with its stream key) per missing event, besides the
 * map of indexed sequences the caller holds (one per stream of the feed). Not thread-safe.
 */
final class MissingEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MissingEvents.class);

    private final Map<StreamKey, Long> indexed;
    private final Map<StreamKey, List<FeedPointer>> missing = new HashMap<>();
    private int count;

    /** @param indexed each stream's highest sequence in the feed; streams absent are not indexed at all */
    MissingEvents(Map<StreamKey, Long> indexed) {
        this.indexed = requireNonNull(indexed, "indexed is null");
    }

    /** Takes an event the scan found, keeping it when the feed misses it. */
    void offer(FeedPointer event) {
        if (event.sequence() > indexed.getOrDefault(event.stream(), 0L)) {
            missing.computeIfAbsent(event.stream(), stream -> new ArrayList<>()).add(event);
            count++;
        }
    }

    /** How many missing events were taken. */
    int count() {
        return count;
    }

    /**
     * The missing events in feed order. A stream's events the scan found with a gap before them (an event
     * committed while the scan ran, its successor seen and it not) are completed with one consistent read of the
     * gap from {@code table}: an event committed before its successor was seen is there. What the table does not
     * hold either is gone (TTL) and left out, with a warning, as the indexer does.
     */
    List<FeedPointer> inFeedOrder(TableEvents table) {
        requireNonNull(table, "table is null");
        List<List<FeedPointer>> streams = new ArrayList<>();
        for (Map.Entry<StreamKey, List<FeedPointer>> stream : missing.entrySet()) {
            streams.add(dense(stream.getKey(), indexed.getOrDefault(stream.getKey(), 0L), stream.getValue(), table));
        }
        return merge(streams);
    }

    private static List<FeedPointer> dense(StreamKey stream, long indexedUpTo, List<FeedPointer> found,
            TableEvents table) {
        List<FeedPointer> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingLong(FeedPointer::sequence));
        List<FeedPointer> events = new ArrayList<>(sorted.size());
        long next = indexedUpTo + 1;
        for (FeedPointer event : sorted) {
            if (event.sequence() < next) {
                continue;
            }
            if (event.sequence() > next) {
                for (RecordedEvent read : table.read(stream, next, event.sequence() - next)) {
                    if (read.sequence() >= next && read.sequence() < event.sequence()) {
                        events.add(new FeedPointer(stream, read.sequence(), read.eventId(), read.eventType(),
                                read.commitTimestamp().toEpochMilli()));
                        next = read.sequence() + 1;
                    }
                }
                if (next != event.sequence()) {
                    LOG.warn("Events {}..{} of stream {} are not in the events table (expired?); the rebuilt feed"
                            + " goes on without them", next, event.sequence() - 1, stream);
                }
            }
            events.add(event);
            next = event.sequence() + 1;
        }
        return events;
    }

    /**
     * Merges streams' events, each list in its stream's order, by commit time: repeatedly the stream whose next
     * event committed first gives it (ties by stream key). A stream's order holds whatever the writers' clocks.
     */
    static List<FeedPointer> merge(Collection<List<FeedPointer>> streams) {
        record Cursor(List<FeedPointer> events, int index) {
            FeedPointer head() {
                return events.get(index);
            }
        }
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator
                .comparingLong((Cursor cursor) -> cursor.head().commitMillis())
                .thenComparing(cursor -> cursor.head().stream().asString()));
        int total = 0;
        for (List<FeedPointer> events : streams) {
            if (!events.isEmpty()) {
                heads.add(new Cursor(events, 0));
                total += events.size();
            }
        }
        List<FeedPointer> merged = new ArrayList<>(total);
        while (!heads.isEmpty()) {
            Cursor cursor = heads.poll();
            merged.add(cursor.head());
            if (cursor.index() + 1 < cursor.events().size()) {
                heads.add(new Cursor(cursor.events(), cursor.index() + 1));
            }
        }
        return merged;
    }
}

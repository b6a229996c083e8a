package dev.eventstream.adapter.inmemory;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.PublicationOutbox;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The events of an {@link InMemoryEventPersistence} still to publish. Sorted by stream ({@link StreamKey}'s order,
 * the outbox's order of streams), then sequence, so a scan returns each stream's pending events oldest first and a
 * limit cuts only the newest of the last stream.
 */
final class InMemoryOutbox implements PublicationOutbox {
    private record Position(StreamKey stream, long sequence) {
        static final Comparator<Position> ORDER =
                Comparator.comparing(Position::stream).thenComparingLong(Position::sequence);

        static Position of(RecordedEvent event) {
            return new Position(event.stream(), event.sequence());
        }
    }

    private final ConcurrentSkipListMap<Position, RecordedEvent> pending = new ConcurrentSkipListMap<>(Position.ORDER);

    /** Called under the stream's lock, in commit order, with the events just committed. */
    void add(List<RecordedEvent> committed) {
        committed.forEach(event -> pending.put(Position.of(event), event));
    }

    @Override
    public List<RecordedEvent> pendingPublications(@Nullable StreamKey after, int limit) {
        requireLimit(limit);
        var from = after == null ? pending : pending.tailMap(new Position(after, Long.MAX_VALUE), false);
        return copies(from.values(), limit);
    }

    @Override
    public List<RecordedEvent> pendingPublications(StreamKey stream, long fromSequence, int limit) {
        requireLimit(limit);
        return copies(pending.subMap(new Position(stream, fromSequence), true,
                new Position(stream, Long.MAX_VALUE), true).values(), limit);
    }

    private static List<RecordedEvent> copies(Collection<RecordedEvent> events, int limit) {
        return events.stream().limit(limit).map(Copies::copyOf).toList();
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    @Override
    public void markPublished(List<RecordedEvent> events) {
        events.forEach(event -> pending.remove(Position.of(event)));
    }
}

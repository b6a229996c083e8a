package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.adapter.dynamodb.FeedEventReads.EventKey;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.EventFeed;
import dev.eventstream.core.FeedPage;
import dev.eventstream.core.RepeatedFailureLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The feed read from its chunks in the feed table, the events themselves from the events table. A read is one Query
 * of the chunks that may cover the positions asked for (eventually consistent: chunks never change once written, and
 * a replica that lags only ends the page early, since the read stops at the first hole between chunks), the filter
 * applied to the entries as the chunks hold them, then BatchGetItems of only the kept events. Thread-safe.
 */
final class DynamoDbEventFeed implements EventFeed {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbEventFeed.class);

    private final DynamoDbFeedChunks chunks;
    private final FeedEventReads events;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final RepeatedFailureLog listenerFailures = new RepeatedFailureLog(LOG);

    DynamoDbEventFeed(DynamoDbFeedChunks chunks, FeedEventReads events) {
        this.chunks = requireNonNull(chunks, "chunks is null");
        this.events = requireNonNull(events, "events is null");
    }

    @Override
    public FeedPage read(long fromPosition, int maxEntries, FeedFilter filter) {
        if (fromPosition < 1) {
            throw new IllegalArgumentException("fromPosition must be at least 1, was " + fromPosition);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        requireNonNull(filter, "filter is null");
        long to = fromPosition > Long.MAX_VALUE - maxEntries ? Long.MAX_VALUE - 1 : fromPosition + maxEntries - 1;
        try {
            List<FeedChunk> covering = chunks.covering(fromPosition, to, false);
            if (covering.isEmpty()) {
                return new FeedPage(List.of(), fromPosition);
            }
            long next = Math.min(to + 1, covering.get(covering.size() - 1).nextPosition());
            List<Long> positions = new ArrayList<>();
            List<EventKey> keys = new ArrayList<>();
            for (FeedChunk chunk : covering) {
                for (int i = 0; i < chunk.entries().size(); i++) {
                    long position = chunk.firstPosition() + i;
                    FeedPointer pointer = chunk.entries().get(i);
                    if (position >= fromPosition && position < next
                            && filter.matches(pointer.stream(), pointer.eventType())) {
                        positions.add(position);
                        keys.add(new EventKey(pointer.stream(), pointer.sequence()));
                    }
                }
            }
            Map<EventKey, RecordedEvent> found = events.read(keys);
            List<FeedEntry> entries = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                RecordedEvent event = found.get(keys.get(i));
                if (event != null) {
                    entries.add(new FeedEntry(positions.get(i), event));
                } else {
                    // Only an event removed from the events table (by TTL) leaves its position without one.
                    LOG.warn("Feed position {} points to {} at sequence {}, which the events table no longer holds"
                            + " (expired?); the entry is passed over", positions.get(i), keys.get(i).stream(),
                            keys.get(i).sequence());
                }
            }
            return new FeedPage(entries, next);
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "read the feed from position " + fromPosition + " in "
                    + chunks.tableName());
        }
    }

    /** One eventually consistent Query of the last chunk's first position and count. */
    @Override
    public long head() {
        try {
            return chunks.head(false);
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "read the end of the feed in " + chunks.tableName());
        }
    }

    @Override
    public AutoCloseable onAdvance(Runnable listener) {
        requireNonNull(listener, "listener is null");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Tells the listeners that entries were added: the indexer of this process calls it after each chunk it wrote.
     * A listener that throws is logged and the others are still called, so the indexer never fails on a reader.
     */
    void advanced() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                listenerFailures.warn(e, "A listener of the feed's advance failed");
            }
        }
    }
}

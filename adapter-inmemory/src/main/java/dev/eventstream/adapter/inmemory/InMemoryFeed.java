package dev.eventstream.adapter.inmemory;

import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.core.EventFeed;
import dev.eventstream.core.FeedPage;
import dev.eventstream.core.RepeatedFailureLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed of an {@link InMemoryEventPersistence}: every committed event in one list, position = index + 1. An
 * append adds its events here while it holds its stream's lock, under this log's own short lock, so positions are
 * dense, each stream's events are in sequence order, and an event is in the feed as soon as its append returns.
 */
final class InMemoryFeed implements EventFeed {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryFeed.class);

    private final Object lock = new Object();
    private final ArrayList<StoredEvent> log = new ArrayList<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final RepeatedFailureLog listenerFailures = new RepeatedFailureLog(LOG);

    /** Called by an append, under the stream's lock, with the events it just committed, in sequence order. */
    void add(List<StoredEvent> committed) {
        synchronized (lock) {
            log.addAll(committed);
        }
    }

    /** Wakes the readers waiting at the end; called after an append, outside every lock. */
    void advanced() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // A listener's failure must not fail the append that woke it.
                listenerFailures.warn(e, "A feed listener failed");
            }
        }
    }

    @Override
    public FeedPage read(long fromPosition, int maxEntries, FeedFilter filter) {
        List<StoredEvent> slice;
        synchronized (lock) {
            long size = log.size();
            if (fromPosition > size) {
                return new FeedPage(List.of(), fromPosition);
            }
            long to = Math.min(size, fromPosition - 1 + maxEntries);
            slice = new ArrayList<>(log.subList((int) fromPosition - 1, (int) to));
        }
        List<FeedEntry> entries = new ArrayList<>();
        for (int i = 0; i < slice.size(); i++) {
            StoredEvent event = slice.get(i);
            if (filter.matches(event.stream(), event.eventType())) {
                entries.add(new FeedEntry(fromPosition + i, event.recorded()));
            }
        }
        return new FeedPage(entries, fromPosition + slice.size());
    }

    @Override
    public long head() {
        synchronized (lock) {
            return log.size();
        }
    }

    @Override
    public AutoCloseable onAdvance(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}

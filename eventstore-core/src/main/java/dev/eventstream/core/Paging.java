package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a page-at-a-time read into a lazy stream that holds one page at a time: the default
 * {@link EventPersistence#readLazily} and adapters whose storage reads in pages of its own size use it.
 */
public final class Paging {
    private Paging() {}

    /** Reads one page: events from a sequence on, at most a count of them. */
    @FunctionalInterface
    public interface PageReader {
        List<RecordedEvent> read(long fromSequence, int maxCount);
    }

    /** Reads one page of whatever size the storage gives, from a sequence on. */
    @FunctionalInterface
    public interface PageSource {
        Page read(long fromSequence);
    }

    /**
     * One page: its events, oldest first, and whether it is the last. An empty page is the last whatever it says,
     * since nothing follows a sequence the stream does not reach.
     */
    public record Page(List<RecordedEvent> events, boolean last) {
        public Page {
            requireNonNull(events, "events is null");
        }
    }

    /** The events from {@code fromSequence} on, read {@code pageSize} at a time; a shorter page is the last. */
    public static Stream<RecordedEvent> lazily(long fromSequence, int pageSize, PageReader reader) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        return lazily(fromSequence, from -> {
            List<RecordedEvent> events = reader.read(from, pageSize);
            return new Page(events, events.size() < pageSize);
        });
    }

    /** The events from {@code fromSequence} on, each page read from {@code source} when the consumer reaches it. */
    public static Stream<RecordedEvent> lazily(long fromSequence, PageSource source) {
        if (fromSequence < 1) {
            throw new IllegalArgumentException("fromSequence must be at least 1, was " + fromSequence);
        }
        Iterator<RecordedEvent> events = new Iterator<>() {
            private long next = fromSequence;
            private Iterator<RecordedEvent> page = Collections.emptyIterator();
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !exhausted) {
                    // Let go of the page read before the next one arrives: one page in memory, not two.
                    page = Collections.emptyIterator();
                    Page fetched = source.read(next);
                    List<RecordedEvent> read = fetched.events();
                    exhausted = fetched.last() || read.isEmpty();
                    if (!read.isEmpty()) {
                        next = read.get(read.size() - 1).sequence() + 1;
                    }
                    page = read.iterator();
                }
                return page.hasNext();
            }

            @Override
            public RecordedEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                events, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }
}

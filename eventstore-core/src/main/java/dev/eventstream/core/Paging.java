package dev.eventstream.core;

import dev.eventstream.api.RecordedEvent;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Turns a page-at-a-time read into a lazy stream that holds one page at a time. */
final class Paging {
    private Paging() {}

    /** Reads one page: events from a sequence on, at most a count of them. */
    @FunctionalInterface
    interface PageReader {
        List<RecordedEvent> read(long fromSequence, int maxCount);
    }

    static Stream<RecordedEvent> lazily(long fromSequence, int pageSize, PageReader reader) {
        if (fromSequence < 1) {
            throw new IllegalArgumentException("fromSequence must be at least 1, was " + fromSequence);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        Iterator<RecordedEvent> events = new Iterator<>() {
            private long next = fromSequence;
            private Iterator<RecordedEvent> page = List.<RecordedEvent>of().iterator();
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !exhausted) {
                    List<RecordedEvent> fetched = reader.read(next, pageSize);
                    exhausted = fetched.size() < pageSize;
                    if (!fetched.isEmpty()) {
                        next = fetched.get(fetched.size() - 1).sequence() + 1;
                    }
                    page = fetched.iterator();
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

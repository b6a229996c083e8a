package dev.eventstream.core;

import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Lazy reads of an {@link EventFeed}: one page fetched when the consumer reaches it. */
final class FeedReading {
    private FeedReading() {}

    /** The entries from {@code fromPosition} to the feed's end as the reading reaches it, {@code filter} applied. */
    static Stream<FeedEntry> lazily(EventFeed feed, long fromPosition, FeedFilter filter, int pageSize) {
        Iterator<FeedEntry> entries = new Iterator<>() {
            private final ArrayDeque<FeedEntry> page = new ArrayDeque<>();
            private long next = fromPosition;
            private boolean ended;

            @Override
            public boolean hasNext() {
                while (page.isEmpty() && !ended) {
                    FeedPage read = feed.read(next, pageSize, filter);
                    // A page that covers no position is the feed's end; one whose entries were all filtered out
                    // still moved on, and the reading goes on after it.
                    ended = read.nextPosition() == next;
                    next = read.nextPosition();
                    page.addAll(read.entries());
                }
                return !page.isEmpty();
            }

            @Override
            public FeedEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.removeFirst();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED
                | Spliterator.NONNULL), false);
    }
}

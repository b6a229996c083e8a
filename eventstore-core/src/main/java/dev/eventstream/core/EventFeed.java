package dev.eventstream.core;

import dev.eventstream.api.FeedFilter;

/**
 * Port: the feed, every committed event of the store in one order, as {@link dev.eventstream.api.FeedEntry}s with
 * dense, strictly increasing, durable positions, each stream's events in sequence order. Thread-safe. Implementations
 * must pass {@code dev.eventstream.testkit.FeedContract}.
 */
public interface EventFeed {

    /**
     * Reads the entries at positions {@code fromPosition} up to (not including) the page's
     * {@link FeedPage#nextPosition()}, keeping those {@code filter} lets through. The page covers at most
     * {@code maxEntries} positions and stops at the feed's current end; an implementation may cover fewer (one
     * storage page), but at least one position when the feed holds {@code fromPosition}.
     *
     * <p>Entries a filter leaves out still count against {@code maxEntries}, and {@code nextPosition} moves past
     * them, so a reader that always goes on from {@code nextPosition} visits every position exactly once.
     *
     * @param fromPosition at least 1
     * @param maxEntries at least 1
     * @return never null; when the feed ends before {@code fromPosition}, no entries and {@code nextPosition ==
     *     fromPosition}
     */
    FeedPage read(long fromPosition, int maxEntries, FeedFilter filter);

    /** The feed's last position, 0 when it is empty. It may trail what {@link #read} already returns. */
    long head();

    /**
     * Registers {@code listener} to be called, on any thread and quickly, whenever entries may have been added by
     * this process (an in-process indexer or an in-memory log), so that readers waiting at the end wake at once
     * rather than at their next poll. The default never calls it: readers then poll.
     *
     * @return closing it removes the listener
     */
    default AutoCloseable onAdvance(Runnable listener) {
        return () -> {};
    }
}

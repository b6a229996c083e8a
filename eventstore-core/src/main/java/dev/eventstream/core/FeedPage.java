package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.FeedEntry;
import java.util.List;

/**
 * One read of the {@link EventFeed}.
 *
 * @param entries the entries kept by the filter, in position order, all below {@code nextPosition}
 * @param nextPosition where the next read starts: the position after the last one this page covered
 */
public record FeedPage(List<FeedEntry> entries, long nextPosition) {
    public FeedPage {
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
        if (nextPosition < 1) {
            throw new IllegalArgumentException("nextPosition must be at least 1, was " + nextPosition);
        }
        if (!entries.isEmpty() && entries.get(entries.size() - 1).position() >= nextPosition) {
            throw new IllegalArgumentException("entries must lie below nextPosition " + nextPosition);
        }
    }
}

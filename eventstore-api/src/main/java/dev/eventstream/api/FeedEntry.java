package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

/**
 * An event at its place in the store's feed: the one ordered sequence of every event committed to the store.
 *
 * <p>Positions start at 1 and are dense (no position is ever skipped or left empty), strictly increasing, and durable:
 * reading from a position twice yields the same entries. The events of one stream appear in sequence order.
 *
 * @param position the entry's place in the feed, at least 1
 * @param event the committed event
 */
public record FeedEntry(long position, RecordedEvent event) {
    public FeedEntry {
        if (position < 1) {
            throw new IllegalArgumentException("position must be at least 1, was " + position);
        }
        requireNonNull(event, "event is null");
    }

    /** The stream the event belongs to. */
    public StreamKey stream() {
        return event.stream();
    }
}

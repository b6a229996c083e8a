package dev.eventstream.api;

/**
 * Where a consumer group that has no checkpoint yet starts reading the feed.
 *
 * @param afterPosition the subscription delivers the entries after this position: 0 for the whole feed, or
 *     {@link Long#MAX_VALUE} for "the end of the feed when the subscription starts"
 */
public record FeedStart(long afterPosition) {
    private static final long END = Long.MAX_VALUE;

    public FeedStart {
        if (afterPosition < 0) {
            throw new IllegalArgumentException("afterPosition must not be negative, was " + afterPosition);
        }
    }

    /** The whole feed, from position 1. */
    public static FeedStart beginning() {
        return new FeedStart(0);
    }

    /** Only what is committed after the subscription started: no history. */
    public static FeedStart end() {
        return new FeedStart(END);
    }

    /** The entries after {@code position}. */
    public static FeedStart after(long position) {
        return new FeedStart(position);
    }

    /** Whether this is {@link #end()}. */
    public boolean isEnd() {
        return afterPosition == END;
    }

    @Override
    public String toString() {
        return afterPosition == 0 ? "beginning" : isEnd() ? "end" : "after " + afterPosition;
    }
}

package dev.eventstream.core;

/** Where a {@link DefaultEventStore} with a publisher takes the notifications it publishes from. */
public enum PublicationSource {
    /**
     * The feed when the persistence keeps one, else the outbox: the default. On DynamoDB with the feed on, that is
     * the feed.
     */
    AUTOMATIC,
    /**
     * The feed, through the store's own consumer group {@code $notifications}: one process at a time publishes, so
     * per-stream order holds whichever process wrote an event, and no write per event is added for publication.
     * Needs a persistence that keeps a feed.
     */
    FEED,
    /**
     * The outbox: pending marks written with each event and a relay in every process (see
     * docs/delivery-guarantee.md), for storage without a feed (DynamoDB-compatible engines without Streams).
     * Per-stream order holds within a process; across processes writing one stream it is not guaranteed.
     */
    OUTBOX
}

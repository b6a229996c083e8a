package dev.eventstream.api;

/**
 * The input limits every adapter accepts. They are chosen so that any valid stream fits a DynamoDB partition key
 * (2,048 bytes) and any valid batch fits one DynamoDB transaction (100 actions).
 */
public final class Limits {
    /** Longest aggregation name, in UTF-8 bytes. */
    public static final int MAX_AGGREGATION_BYTES = 256;
    /** Longest stream id, in UTF-8 bytes. */
    public static final int MAX_STREAM_ID_BYTES = 1024;
    /** Longest event type, in UTF-8 bytes. */
    public static final int MAX_EVENT_TYPE_BYTES = 256;
    /** Most events one {@code append} may carry; they are written atomically. */
    public static final int MAX_EVENTS_PER_APPEND = 100;
    /** Most items one listing or page may ask for. */
    public static final int MAX_PAGE_SIZE = 10_000;

    private Limits() {}
}

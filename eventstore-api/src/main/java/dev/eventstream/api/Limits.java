package dev.eventstream.api;

/**
 * The input limits every adapter accepts, the in-memory one included, so that what passes a unit test also fits
 * production. They are chosen so that any valid stream fits a DynamoDB partition key (2,048 bytes), any valid event
 * one DynamoDB item (400 KB) and any valid batch one DynamoDB transaction (100 actions, 4 MB), and so that every
 * payload the store accepts is one its JSON reader reads back.
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

    /**
     * Largest event: the UTF-8 bytes of its payload's JSON text, its metadata's JSON text (none without
     * metadata), its event type,
     * aggregation and stream id together.
     * It is DynamoDB's 400 KB item less 2 KB kept for the fields the storage adds (keys, sequence, id, timestamps,
     * index keys), so an event within it always fits one item.
     */
    public static final int MAX_EVENT_BYTES = 400 * 1024 - 2 * 1024;
    /**
     * Largest append: the events' sizes (as {@link #MAX_EVENT_BYTES} counts them) added up. It is DynamoDB's 4 MB
     * transaction less room for the fields the storage adds to each of up to 100 items.
     */
    public static final int MAX_APPEND_BYTES = 4 * 1024 * 1024 - 256 * 1024;
    /** Deepest nesting of arrays and objects in a payload: the depth the store's JSON reader reads back. */
    public static final int MAX_PAYLOAD_DEPTH = 1_000;
    /**
     * Longest number in a payload, in characters of its JSON form (sign, digits, point and exponent): the longest
     * the store's JSON reader reads back. Reading longer numbers costs time that grows faster than their length.
     */
    public static final int MAX_PAYLOAD_NUMBER_CHARS = 1_000;

    /** Longest correlation or causation id, in UTF-8 bytes. */
    public static final int MAX_METADATA_ID_BYTES = 256;
    /** Most headers one event's metadata may carry. */
    public static final int MAX_METADATA_HEADERS = 32;
    /** Longest header name, in characters (ASCII letters, digits, {@code - _ .}). */
    public static final int MAX_HEADER_NAME_CHARS = 128;
    /**
     * Most one event's metadata may take: the UTF-8 bytes of its correlation id, causation id and every header's
     * name and value, together. The stored metadata also counts towards {@link #MAX_EVENT_BYTES}.
     */
    public static final int MAX_METADATA_BYTES = 16 * 1024;
    /** Highest revision of an event type's payload shape. */
    public static final int MAX_REVISION = 1_000_000;

    private Limits() {}
}

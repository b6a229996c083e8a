package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;

/**
 * A bound on an event item's size from the lengths of its texts in chars, which Java knows without counting: an
 * event far below DynamoDB's 400 KB needs no exact count ({@link EventItem#worstCaseEventSize}), which would measure
 * the payload's UTF-8 length a second time (the store's own size check measured it already). Only an event the
 * bound cannot rule out is counted exactly.
 */
final class ItemBound {
    /**
     * More than the attribute names and fixed-size values of any event item take together: the names, the sequence,
     * id, timestamps and expiry, the pending keys, the listing partition's prefix and the revision are under 250
     * bytes; the rest is room for attributes added later.
     */
    static final int FIXED_PART_BOUND = 1024;
    /** The most UTF-8 bytes one char takes: 3 (a surrogate pair is 2 chars for 4 bytes). */
    private static final int BYTES_PER_CHAR = 3;

    private ItemBound() {}

    /**
     * Whether {@code event}'s item in {@code stream}, at its worst case, is surely within
     * {@link ItemSize#MAX_ITEM_BYTES}: every variable-length text the item holds (payload, metadata, type, and the
     * stream's names twice, in the partition key and the listing keys) at 3 bytes a char, plus
     * {@link #FIXED_PART_BOUND}.
     */
    static boolean surelyFits(StreamKey stream, NewEvent event) {
        return bound(stream, event) <= ItemSize.MAX_ITEM_BYTES;
    }

    static long bound(StreamKey stream, NewEvent event) {
        long chars = (long) event.payloadJson().length() + event.metadataJson().length() + event.eventType().length()
                + 2L * (stream.aggregation().length() + stream.streamId().length());
        return BYTES_PER_CHAR * chars + FIXED_PART_BOUND;
    }
}

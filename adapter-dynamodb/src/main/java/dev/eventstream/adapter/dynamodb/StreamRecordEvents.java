package dev.eventstream.adapter.dynamodb;

import static dev.eventstream.adapter.dynamodb.EventItem.ID;
import static dev.eventstream.adapter.dynamodb.EventItem.MARKER_PREFIX;
import static dev.eventstream.adapter.dynamodb.EventItem.PK;
import static dev.eventstream.adapter.dynamodb.EventItem.SEQ;
import static dev.eventstream.adapter.dynamodb.EventItem.TS;
import static dev.eventstream.adapter.dynamodb.EventItem.TYPE;

import dev.eventstream.api.StreamKey;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Which records of the events table's stream are events for the feed, and the feed entry each one is. Only the
 * INSERT of an event item counts: events are written once and never changed, so a MODIFY is publication
 * bookkeeping (the pending keys removed) or a snapshot replaced, and a REMOVE is TTL expiry. Snapshots (sequence 0
 * of a stream, and typed states' at negative sequences) and aggregation markers ({@code 0:} partitions) are not
 * events. An entry holds no payload, metadata or revision: the feed reads those from the event's item when a reader
 * keeps the entry.
 */
final class StreamRecordEvents {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRecordEvents.class);

    private StreamRecordEvents() {}

    /** The feed entry {@code record} holds, or empty when it is not the insert of an event. */
    static Optional<FeedPointer> pointerOf(Record record) {
        if (record.eventName() != OperationType.INSERT || record.dynamodb() == null
                || !record.dynamodb().hasNewImage()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = record.dynamodb().newImage();
        String pk = text(item, PK);
        if (pk == null || pk.isEmpty() || !Character.isDigit(pk.charAt(0)) || pk.startsWith(MARKER_PREFIX)) {
            return Optional.empty();
        }
        String seq = number(item, SEQ);
        if (seq == null || seq.equals("0") || seq.startsWith("-")) {
            return Optional.empty();
        }
        try {
            String id = text(item, ID);
            String type = text(item, TYPE);
            String ts = number(item, TS);
            if (id == null || type == null || ts == null) {
                throw new IllegalArgumentException("it lacks one of " + ID + ", " + TYPE + ", " + TS);
            }
            long sequence = Long.parseLong(seq);
            if (sequence < 1) {
                throw new IllegalArgumentException("its sequence is " + sequence);
            }
            StreamKey stream = EventItem.streamOf(pk);
            return Optional.of(new FeedPointer(stream, sequence, UUID.fromString(id), type, Long.parseLong(ts)));
        } catch (RuntimeException e) {
            // Not written by this store. Indexing it is impossible, stalling on it would stop the whole feed.
            LOG.warn("Stream record {} inserts item {}/{}, which is not an event of this store ({}); it is not"
                    + " indexed", record.dynamodb().sequenceNumber(), pk, seq, e.getMessage());
            return Optional.empty();
        }
    }

    private static @Nullable String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static @Nullable String number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.n();
    }
}

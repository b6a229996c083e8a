package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.StreamKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Stream records shaped as DynamoDB Streams deliver them for the events table's items, for unit tests. */
final class StreamRecords {
    static final long CREATED_MILLIS = 1_700_000_000_000L;

    private StreamRecords() {}

    /** The id every event built here gets: derived from stream and sequence, so tests can name it. */
    static UUID idOf(StreamKey stream, long sequence) {
        return UUID.nameUUIDFromBytes((stream.asString() + "/" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    /** The NEW_IMAGE of the event item at {@code sequence} of {@code stream}, as the store writes it. */
    static Map<String, AttributeValue> eventItem(StreamKey stream, long sequence, String type) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(EventItem.PK, AttributeValue.fromS(stream.asString()));
        item.put(EventItem.SEQ, AttributeValue.fromN(Long.toString(sequence)));
        item.put(EventItem.ID, AttributeValue.fromS(idOf(stream, sequence).toString()));
        item.put(EventItem.TYPE, AttributeValue.fromS(type));
        item.put(EventItem.DATA, AttributeValue.fromS("{}"));
        item.put(EventItem.TS, AttributeValue.fromN(Long.toString(commitMillis(sequence))));
        return item;
    }

    static long commitMillis(long sequence) {
        return CREATED_MILLIS - 1000 + sequence;
    }

    /** The pointer {@link #insert} of the same event gives. */
    static FeedPointer pointer(StreamKey stream, long sequence, String type) {
        return new FeedPointer(stream, sequence, idOf(stream, sequence), type, commitMillis(sequence));
    }

    static Record insert(String sequenceNumber, StreamKey stream, long sequence, String type) {
        return record(OperationType.INSERT, sequenceNumber, eventItem(stream, sequence, type));
    }

    static Record record(OperationType operation, String sequenceNumber, Map<String, AttributeValue> newImage) {
        StreamRecord.Builder data = StreamRecord.builder()
                .sequenceNumber(sequenceNumber)
                .approximateCreationDateTime(Instant.ofEpochMilli(CREATED_MILLIS + Long.parseLong(
                        sequenceNumber.substring(Math.max(0, sequenceNumber.length() - 6)))))
                .keys(Map.of(EventItem.PK, newImage.get(EventItem.PK), EventItem.SEQ, newImage.get(EventItem.SEQ)))
                .streamViewType(StreamViewType.NEW_IMAGE);
        if (operation != OperationType.REMOVE) {
            data.newImage(newImage);
        }
        return Record.builder().eventName(operation).eventSource("aws:dynamodb").dynamodb(data.build()).build();
    }
}

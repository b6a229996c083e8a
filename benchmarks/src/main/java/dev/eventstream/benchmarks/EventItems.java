package dev.eventstream.benchmarks;

import dev.eventstream.api.StreamKey;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in the DynamoDB adapter's format (docs/dynamodb-design.md, "The table"), written here with the raw SDK:
 * the raw side of each comparison writes exactly what the library writes, and large streams are seeded without
 * transactions, which dynalite lacks. DynamoDbBenchmarksIT checks that the library reads these items and writes
 * the same attributes.
 */
final class EventItems {
    static final String TABLE = "events";
    static final String PK = "pk";
    static final String SEQ = "seq";
    static final String DATA = "data";
    /** The library's condition on an event's write: its position must be free. */
    static final String POSITION_IS_FREE = "attribute_not_exists(#pk)";
    static final Map<String, String> POSITION_NAMES = Map.of("#pk", PK);

    private EventItems() {}

    /** The item of an event; a stream's first event also carries its entry in the listing index. */
    static Map<String, AttributeValue> event(StreamKey stream, long sequence, UUID eventId, String eventType,
            String payloadJson, long commitMillis) {
        Map<String, AttributeValue> item = new HashMap<>(8);
        item.put(PK, s(stream.asString()));
        item.put(SEQ, n(sequence));
        item.put("id", s(eventId.toString()));
        item.put("type", s(eventType));
        item.put(DATA, s(payloadJson));
        item.put("ts", n(commitMillis));
        if (sequence == 1) {
            item.put("lpk", s("streams:" + stream.aggregation()));
            item.put("lsk", sortable(stream.streamId()));
        }
        return item;
    }

    /** The marker that lists an aggregation; the library writes it with the aggregation's first stream. */
    static Map<String, AttributeValue> aggregationMarker(String aggregation) {
        return Map.of(PK, s("0:" + aggregation), SEQ, n(0), "lpk", s("aggregations"), "lsk", sortable(aggregation));
    }

    static Map<String, AttributeValue> key(StreamKey stream, long sequence) {
        return Map.of(PK, s(stream.asString()), SEQ, n(sequence));
    }

    /**
     * The listing index's sort key. The library's code equals UTF-8 for characters below U+D800, which is all the
     * benchmarks' names use.
     */
    private static AttributeValue sortable(String name) {
        if (!name.chars().allMatch(c -> c < 0xD800)) {
            throw new IllegalArgumentException("benchmark names stay below U+D800, was " + name);
        }
        return AttributeValue.fromB(SdkBytes.fromString(name, StandardCharsets.UTF_8));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

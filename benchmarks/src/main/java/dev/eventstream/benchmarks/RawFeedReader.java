package dev.eventstream.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The whole feed read the way an application would read it with the raw SDK and its own Jackson mapper, from the
 * table layout in docs/dynamodb-design.md: a paginated Query of the chunk items (partition {@code feed}, in
 * position order), each chunk's entries decoded from their JSON array, then BatchGetItems of 100 events at a time
 * (eventually consistent, as the library reads; unprocessed keys asked for again), the items decoded into the
 * application's own objects in feed order.
 */
final class RawFeedReader {
    /** The application's own mapper. */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH_GET_KEYS = 100;

    /** An event as the application holds it. */
    record RawEvent(String stream, long sequence, UUID eventId, String eventType, long commitMillis, String payload) {}

    private record Pointer(String stream, long sequence) {
        String id() {
            return stream + '\n' + sequence;
        }
    }

    private RawFeedReader() {}

    static List<RawEvent> readAll(DynamoDbClient client, String feedTable, String eventsTable) {
        List<Pointer> pointers = pointers(client, feedTable);
        List<RawEvent> events = new ArrayList<>(pointers.size());
        for (int from = 0; from < pointers.size(); from += BATCH_GET_KEYS) {
            List<Pointer> batch = pointers.subList(from, Math.min(pointers.size(), from + BATCH_GET_KEYS));
            Map<String, Map<String, AttributeValue>> items = batchGet(client, eventsTable, batch);
            for (Pointer pointer : batch) {
                Map<String, AttributeValue> item = items.get(pointer.id());
                if (item == null) {
                    throw new IllegalStateException("the events table holds no event at " + pointer);
                }
                events.add(new RawEvent(pointer.stream(), pointer.sequence(), UUID.fromString(item.get("id").s()),
                        item.get("type").s(), Long.parseLong(item.get("ts").n()), item.get("data").s()));
            }
        }
        return events;
    }

    /** Every feed entry's stream and sequence, in position order. */
    private static List<Pointer> pointers(DynamoDbClient client, String feedTable) {
        List<Pointer> pointers = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = client.query(r -> r.tableName(feedTable)
                    .keyConditionExpression("pk = :feed")
                    .expressionAttributeValues(Map.of(":feed", AttributeValue.fromS("feed")))
                    .consistentRead(false)
                    .exclusiveStartKey(exclusiveStart));
            for (Map<String, AttributeValue> chunk : page.items()) {
                try {
                    // [[streamKey, seq, eventId, type, commitMillis], ...]
                    for (JsonNode entry : MAPPER.readTree(chunk.get("e").s())) {
                        pointers.add(new Pointer(entry.get(0).asText(), entry.get(1).asLong()));
                    }
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a feed chunk's entries are not JSON", e);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return pointers;
    }

    /** The items at {@code batch}'s keys, by {@link Pointer#id()}. */
    private static Map<String, Map<String, AttributeValue>> batchGet(DynamoDbClient client, String eventsTable,
            List<Pointer> batch) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(batch.size());
        for (Pointer pointer : batch) {
            keys.add(Map.of("pk", AttributeValue.fromS(pointer.stream()),
                    "seq", AttributeValue.fromN(Long.toString(pointer.sequence()))));
        }
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int round = 1; !keys.isEmpty(); round++) {
            if (round > 10) {
                throw new IllegalStateException("DynamoDB left keys unprocessed 10 times in a row");
            }
            List<Map<String, AttributeValue>> asked = keys;
            BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(Map.of(eventsTable,
                    KeysAndAttributes.builder().keys(asked).consistentRead(false).build())));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(eventsTable, List.of())) {
                found.put(item.get("pk").s() + '\n' + item.get("seq").n(), item);
            }
            KeysAndAttributes unprocessed = response.hasUnprocessedKeys()
                    ? response.unprocessedKeys().get(eventsTable) : null;
            keys = unprocessed == null || !unprocessed.hasKeys() ? List.of() : unprocessed.keys();
        }
        return found;
    }
}

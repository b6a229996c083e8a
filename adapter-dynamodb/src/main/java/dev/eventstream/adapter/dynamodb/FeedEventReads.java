package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads the events the feed points to from the events table: BatchGetItems of up to 100 keys, eventually
 * consistent (half the cost of a consistent read; an event is immutable once stored), the keys DynamoDB leaves
 * unprocessed asked for again after a backoff, and a consistent GetItem for each event the batch did not find (a
 * replica that has not caught up yet). The events are decoded as the stream read path decodes them
 * ({@link EventItem#toRecordedEvent(StreamKey, Map)}), payloads kept as text until asked for. SDK exceptions pass
 * through.
 */
final class FeedEventReads {
    /** BatchGetItem takes at most 100 keys. */
    static final int BATCH_GET_KEYS = 100;
    /** Rounds of unprocessed keys asked for again before the read is given up as unavailable. */
    private static final int MAX_UNPROCESSED_ROUNDS = 8;
    private static final Backoff UNPROCESSED_BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2));
    /**
     * What a RecordedEvent needs, metadata and revision included (absent on most items, which costs nothing); type
     * and data are DynamoDB reserved words, hence the names.
     */
    private static final String PROJECTION = "#pk, #seq, #id, #type, #data, #ts, #meta, #rev";
    private static final Map<String, String> PROJECTED_NAMES = Map.of("#pk", EventItem.PK, "#seq", EventItem.SEQ,
            "#id", EventItem.ID, "#type", EventItem.TYPE, "#data", EventItem.DATA, "#ts", EventItem.TS,
            "#meta", EventItem.META, "#rev", EventItem.REV);

    /** Where an event is in the events table. */
    record EventKey(StreamKey stream, long sequence) {
        EventKey {
            requireNonNull(stream, "stream is null");
        }

        Map<String, AttributeValue> item() {
            return Map.of(EventItem.PK, AttributeValue.fromS(stream.asString()),
                    EventItem.SEQ, AttributeValue.fromN(Long.toString(sequence)));
        }
    }

    private final DynamoDbClient client;
    private final String eventsTable;
    private final DynamoDbEventPersistence.Sleeper sleeper;

    FeedEventReads(DynamoDbClient client, String eventsTable, DynamoDbEventPersistence.Sleeper sleeper) {
        this.client = requireNonNull(client, "client is null");
        this.eventsTable = requireNonNull(eventsTable, "eventsTable is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    /**
     * The events at {@code keys}; an event the table does not hold (expired by TTL, say) is not in the map.
     */
    Map<EventKey, RecordedEvent> read(List<EventKey> keys) {
        Map<EventKey, RecordedEvent> found = new HashMap<>();
        // DynamoDB refuses a batch that names a key twice.
        List<EventKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        for (int from = 0; from < distinct.size(); from += BATCH_GET_KEYS) {
            batch(distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_KEYS)), found);
        }
        for (EventKey key : distinct) {
            if (!found.containsKey(key)) {
                Map<String, AttributeValue> item = client.getItem(r -> r.tableName(eventsTable)
                        .key(key.item())
                        .projectionExpression(PROJECTION)
                        .expressionAttributeNames(PROJECTED_NAMES)
                        .consistentRead(true)).item();
                if (item != null && !item.isEmpty()) {
                    found.put(key, EventItem.toRecordedEvent(key.stream(), item));
                }
            }
        }
        return found;
    }

    private void batch(List<EventKey> keys, Map<EventKey, RecordedEvent> found) {
        Map<String, EventKey> byPk = new HashMap<>();
        List<Map<String, AttributeValue>> pending = new ArrayList<>(keys.size());
        for (EventKey key : keys) {
            byPk.putIfAbsent(key.stream().asString(), key);
            pending.add(key.item());
        }
        for (int round = 1; !pending.isEmpty(); round++) {
            List<Map<String, AttributeValue>> asked = pending;
            BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(Map.of(eventsTable,
                    KeysAndAttributes.builder()
                            .keys(asked)
                            .projectionExpression(PROJECTION)
                            .expressionAttributeNames(PROJECTED_NAMES)
                            .consistentRead(false)
                            .build())));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(eventsTable, List.of())) {
                EventKey key = keyOf(item, byPk);
                found.put(key, EventItem.toRecordedEvent(key.stream(), item));
            }
            KeysAndAttributes unprocessed = response.hasUnprocessedKeys()
                    ? response.unprocessedKeys().get(eventsTable) : null;
            pending = unprocessed == null || !unprocessed.hasKeys() ? List.of() : unprocessed.keys();
            if (!pending.isEmpty()) {
                if (round == MAX_UNPROCESSED_ROUNDS) {
                    throw new EventStoreUnavailableException("DynamoDB left " + pending.size() + " of the feed's"
                            + " events in " + eventsTable + " unprocessed after " + round + " BatchGetItem rounds"
                            + " (throttled): read the feed again later");
                }
                pause(UNPROCESSED_BACKOFF.delay(round));
            }
        }
    }

    /** The key of a returned item; the stream is the one asked for, so no parsing is needed. */
    private static EventKey keyOf(Map<String, AttributeValue> item, Map<String, EventKey> byPk) {
        String pk = item.get(EventItem.PK).s();
        EventKey asked = byPk.get(pk);
        StreamKey stream = asked != null ? asked.stream() : FeedCodec.parseStreamKey(pk);
        return new EventKey(stream, Long.parseLong(item.get(EventItem.SEQ).n()));
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(Math.max(1, delay.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreUnavailableException("reading the feed's events was interrupted", e);
        }
    }
}

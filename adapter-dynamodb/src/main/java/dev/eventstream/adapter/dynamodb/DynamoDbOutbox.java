package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.PublicationOutbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Publication tracking in the events table: an event appended while tracking is on carries the pending-index keys
 * in its own item, so "stored" and "pending" are one atomic write with no extra item. Publishing removes them.
 *
 * <p>A scan ({@link #pendingPublications(StreamKey, int)}, after a stream or from the first) reads the pending
 * index shard by shard (keys only, each shard in stream then sequence order, so a limit cuts only the newest events
 * of the last stream read) and fetches the events with consistent BatchGetItems. The index is eventually
 * consistent: an event may show up there a moment after its append returned, and a published one a moment after it
 * was marked; the fetch skips events already marked. One stream's pending events are read from the table itself,
 * consistently ({@link #pendingPublications(StreamKey, long, int)}).
 */
final class DynamoDbOutbox implements PublicationOutbox {
    /** BatchGetItem takes at most 100 keys. */
    private static final int BATCH_GET_KEYS = 100;
    private static final Expression IS_PENDING = Expression.builder()
            .expression("attribute_exists(#ppk)")
            .putExpressionName("#ppk", EventItem.PENDING_PK)
            .build();

    private final DynamoDbClient client;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<EventItem> table;
    private final DynamoDbIndex<EventItem> pending;

    DynamoDbOutbox(DynamoDbClient client, DynamoDbEnhancedClient enhanced, DynamoDbTable<EventItem> table) {
        this.client = client;
        this.enhanced = enhanced;
        this.table = table;
        this.pending = table.index(EventItem.PENDING_INDEX);
    }

    /**
     * Streams come in the order of their pending-index shard, then of the hash that starts their sort keys. After a
     * stream, the scan goes on in that stream's shard past every sort key the stream can have, then in the next
     * shards.
     */
    @Override
    public List<RecordedEvent> pendingPublications(@Nullable StreamKey after, int limit) {
        requireLimit(limit);
        try {
            int firstShard = 0;
            @Nullable SdkBytes startAfter = null;
            if (after != null) {
                String pk = after.asString();
                firstShard = EventItem.pendingShard(pk);
                startAfter = EventItem.pendingSortKey(pk, Long.MAX_VALUE);
            }
            List<Key> keys = new ArrayList<>();
            for (int shard = firstShard; shard < EventItem.PENDING_SHARDS && keys.size() < limit; shard++) {
                keys.addAll(pendingKeys(EventItem.PENDING_PARTITION_PREFIX + shard,
                        shard == firstShard ? startAfter : null, limit - keys.size()));
            }
            List<RecordedEvent> events = new ArrayList<>(keys.size());
            for (int from = 0; from < keys.size(); from += BATCH_GET_KEYS) {
                events.addAll(stillPending(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_KEYS))));
            }
            return events;
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "read the events pending publication");
        }
    }

    /**
     * One strongly consistent Query of the stream's own items from {@code fromSequence} on, keeping those that still
     * carry the pending keys: it sees every completed append, which the index may not yet.
     */
    @Override
    public List<RecordedEvent> pendingPublications(StreamKey stream, long fromSequence, int limit) {
        requireLimit(limit);
        try {
            List<RecordedEvent> events = new ArrayList<>();
            for (var page : table.query(r -> r
                    .queryConditional(QueryConditional.sortGreaterThanOrEqualTo(
                            EventQueries.key(stream.asString(), Math.max(1, fromSequence))))
                    .filterExpression(IS_PENDING)
                    .consistentRead(true))) {
                for (EventItem item : page.items()) {
                    events.add(item.toRecordedEvent(stream));
                    if (events.size() == limit) {
                        return events;
                    }
                }
            }
            return events;
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "read the events of " + stream + " pending publication");
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /**
     * Takes each event out of the pending index: one UpdateItem per event. The low-level client does it because the
     * Enhanced Client's update writes a whole item's attributes and cannot remove just two of them. The condition
     * keeps an update from creating an item where there is none (an expired event) or touching another event.
     */
    @Override
    public void markPublished(List<RecordedEvent> events) {
        for (RecordedEvent event : events) {
            try {
                client.updateItem(r -> r.tableName(table.tableName())
                        .key(Map.of(EventItem.PK, AttributeValue.fromS(event.stream().asString()),
                                EventItem.SEQ, AttributeValue.fromN(Long.toString(event.sequence()))))
                        .updateExpression("REMOVE #ppk, #psk")
                        .conditionExpression("#id = :id")
                        .expressionAttributeNames(Map.of("#ppk", EventItem.PENDING_PK, "#psk", EventItem.PENDING_SK,
                                "#id", EventItem.ID))
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(event.eventId().toString()))));
            } catch (ConditionalCheckFailedException gone) {
                // Not this event any more (or no event at all): nothing of it is pending.
            } catch (SdkException e) {
                throw DynamoDbExceptions.translate(e, "mark events of " + event.stream() + " published");
            }
        }
    }

    private List<Key> pendingKeys(String partition, @Nullable SdkBytes startAfter, int limit) {
        QueryConditional condition = startAfter == null
                ? QueryConditional.keyEqualTo(k -> k.partitionValue(partition))
                : QueryConditional.sortGreaterThan(k -> k.partitionValue(partition).sortValue(startAfter));
        List<Key> keys = new ArrayList<>();
        for (var page : pending.query(r -> r.queryConditional(condition).limit(Math.min(limit, 1_000)))) {
            for (EventItem item : page.items()) {
                keys.add(EventQueries.key(item.pk(), item.sequence()));
                if (keys.size() == limit) {
                    return keys;
                }
            }
        }
        return keys;
    }

    /** The events at {@code keys} that are still pending, in the order of the keys. */
    private List<RecordedEvent> stillPending(List<Key> keys) {
        ReadBatch.Builder<EventItem> batch = ReadBatch.builder(EventItem.class).mappedTableResource(table);
        keys.forEach(key -> batch.addGetItem(GetItemEnhancedRequest.builder().key(key).consistentRead(true).build()));
        Map<Key, EventItem> found = new HashMap<>();
        // Each page is one BatchGetItem; the SDK asks again for keys DynamoDB left unprocessed.
        for (BatchGetResultPage page : enhanced.batchGetItem(BatchGetItemEnhancedRequest.builder()
                .readBatches(batch.build()).build())) {
            for (EventItem item : page.resultsForTable(table)) {
                found.put(EventQueries.key(item.pk(), item.sequence()), item);
            }
        }
        List<RecordedEvent> events = new ArrayList<>(keys.size());
        for (Key key : keys) {
            EventItem item = found.get(key);
            if (item != null && item.pendingPk() != null && item.pk() != null) {
                events.add(item.toRecordedEvent(EventItem.streamOf(item.pk())));
            }
        }
        return events;
    }
}

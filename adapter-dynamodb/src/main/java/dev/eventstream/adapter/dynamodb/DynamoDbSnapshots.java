package dev.eventstream.adapter.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.History;
import dev.eventstream.api.Json;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.Snapshot;
import dev.eventstream.core.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Snapshots in the events table: one item per stream, at sequence 0 of the stream's own partition, holding the
 * folded history as deflated JSON. Loading is one consistent GetItem; saving one conditional PutItem that never
 * replaces a later snapshot. A snapshot still over DynamoDB's 400 KB once deflated is not stored: the stream is then
 * folded from its start. A snapshot that cannot be read (another format, damaged) is ignored, which costs speed only.
 */
final class DynamoDbSnapshots implements SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSnapshots.class);

    /** Saves only over nothing or over an earlier snapshot. */
    private static final String NOT_OLDER = "attribute_not_exists(#snap) OR #snap < :snap";

    private final DynamoDbTable<EventItem> table;
    private final @Nullable Duration ttl;

    DynamoDbSnapshots(DynamoDbTable<EventItem> table, @Nullable Duration ttl) {
        this.table = table;
        this.ttl = ttl;
    }

    @Override
    public Optional<Snapshot> load(StreamKey stream) {
        EventItem item;
        try {
            item = table.getItem(r -> r.key(EventQueries.key(stream.asString(), 0)).consistentRead(true));
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "load the snapshot of " + stream);
        }
        if (item == null || item.deflated() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(Json.parseWrapping(DeflatedJson.inflate(item.deflated().asByteArrayUnsafe()))));
        } catch (RuntimeException e) {
            LOG.warn("The snapshot of stream {} cannot be read, so it is not used: {}", stream, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void save(StreamKey stream, Snapshot snapshot) {
        History history = snapshot.history();
        byte[] deflated = DeflatedJson.deflate(Json.write(toJson(snapshot)));
        EventItem item = EventItem.snapshot(stream, snapshot.sequence(), deflated,
                EventItem.expiry(history.commitTimestamp(), ttl));
        long size = ItemSize.of(EventItem.SCHEMA.itemToMap(item, true));
        if (size > ItemSize.MAX_ITEM_BYTES) {
            LOG.debug("The snapshot of stream {} at {} takes {} bytes, more than DynamoDB's item limit: not kept",
                    stream, snapshot.sequence(), size);
            return;
        }
        try {
            table.putItem(PutItemEnhancedRequest.builder(EventItem.class)
                    .item(item)
                    .conditionExpression(Expression.builder()
                            .expression(NOT_OLDER)
                            .putExpressionName("#snap", EventItem.SNAPSHOT_SEQ)
                            .expressionValues(Map.of(":snap", AttributeValue.fromN(Long.toString(snapshot.sequence()))))
                            .build())
                    .build());
        } catch (ConditionalCheckFailedException laterOneKept) {
            // A snapshot at the same or a later event is already there.
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "save the snapshot of " + stream);
        }
    }

    private static ObjectNode toJson(Snapshot snapshot) {
        History history = snapshot.history();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("sequence", history.sequence());
        json.put("commitTimestamp", String.valueOf(history.commitTimestamp()));
        json.put("lastEventId", snapshot.lastEventId().toString());
        history.eventTypes().forEach(json.putArray("eventTypes")::add);
        json.set("payload", history.payload());
        return json;
    }

    private static Snapshot fromJson(JsonNode json) {
        List<String> eventTypes = new ArrayList<>();
        json.required("eventTypes").forEach(type -> eventTypes.add(type.textValue()));
        History history = new History(Instant.parse(json.required("commitTimestamp").textValue()),
                json.required("sequence").longValue(), eventTypes, json.required("payload"));
        return new Snapshot(history, UUID.fromString(json.required("lastEventId").textValue()));
    }
}

package dev.eventstream.adapter.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.History;
import dev.eventstream.api.Json;
import dev.eventstream.api.StreamKey;
import dev.eventstream.aws.Hashes;
import dev.eventstream.core.Snapshot;
import dev.eventstream.core.SnapshotStore;
import dev.eventstream.core.StateSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
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
 *
 * <p>A typed fold's state snapshots live in the same partition at negative sequences, one slot per state name
 * (below every event, and below the seed's snapshot at 0, so no read of events meets them): the slot is derived from
 * the name's SHA-256, and the item's deflated JSON holds the name, so two names sharing a slot only replace each
 * other's snapshots (costing speed), never read one another's.
 */
final class DynamoDbSnapshots implements SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSnapshots.class);

    /** Saves only over nothing or over an earlier snapshot. */
    private static final String NOT_OLDER = "attribute_not_exists(#snap) OR #snap < :snap";
    /** Saves a state over nothing, over an earlier snapshot of its version, or over any of another version. */
    private static final String NOT_OLDER_STATE = "attribute_not_exists(#snap) OR #snap <= :snap OR #ver <> :ver";

    private final DynamoDbTable<EventItem> table;
    private final @Nullable Duration ttl;

    DynamoDbSnapshots(DynamoDbTable<EventItem> table, @Nullable Duration ttl) {
        this.table = table;
        this.ttl = ttl;
    }

    @Override
    public Optional<Snapshot> load(StreamKey stream) {
        return read(stream, 0, "snapshot").flatMap(json -> readable(stream, "snapshot", () -> fromJson(json)));
    }

    @Override
    public void save(StreamKey stream, Snapshot snapshot) {
        byte[] deflated = DeflatedJson.deflate(Json.write(toJson(snapshot)));
        EventItem item = EventItem.snapshot(stream, snapshot.sequence(), deflated,
                EventItem.expiry(snapshot.history().commitTimestamp(), ttl));
        write(stream, item, snapshot.sequence(), "snapshot", Expression.builder()
                .expression(NOT_OLDER)
                .putExpressionName("#snap", EventItem.SNAPSHOT_SEQ)
                .expressionValues(Map.of(":snap", AttributeValue.fromN(Long.toString(snapshot.sequence()))))
                .build());
    }

    @Override
    public Optional<StateSnapshot> loadState(StreamKey stream, String name) {
        return read(stream, stateSlot(name), "state snapshot")
                // Another state whose name shares the slot is not this one's.
                .filter(json -> name.equals(json.path("name").textValue()))
                .flatMap(json -> readable(stream, "state snapshot", () -> new StateSnapshot(name,
                        json.required("stateVersion").intValue(), json.required("sequence").longValue(),
                        UUID.fromString(json.required("lastEventId").textValue()),
                        json.required("state").textValue())));
    }

    @Override
    public void saveState(StreamKey stream, StateSnapshot snapshot) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", snapshot.name());
        json.put("stateVersion", snapshot.stateVersion());
        json.put("sequence", snapshot.sequence());
        json.put("lastEventId", snapshot.lastEventId().toString());
        // The state as its serializer wrote it, kept as text: no parse, and its numbers keep every digit.
        json.put("state", snapshot.stateJson());
        EventItem item = EventItem.stateSnapshot(stream, stateSlot(snapshot.name()), snapshot.sequence(),
                snapshot.stateVersion(), DeflatedJson.deflate(Json.write(json)), EventItem.expiry(Instant.now(), ttl));
        write(stream, item, snapshot.sequence(), "state snapshot", Expression.builder()
                .expression(NOT_OLDER_STATE)
                .putExpressionName("#snap", EventItem.SNAPSHOT_SEQ)
                .putExpressionName("#ver", EventItem.STATE_VERSION)
                .expressionValues(Map.of(
                        ":snap", AttributeValue.fromN(Long.toString(snapshot.sequence())),
                        ":ver", AttributeValue.fromN(Integer.toString(snapshot.stateVersion()))))
                .build());
    }

    /** The inflated JSON of the snapshot item at sort key {@code slot}; empty when there is none or it is damaged. */
    private Optional<JsonNode> read(StreamKey stream, long slot, String what) {
        EventItem item;
        try {
            item = table.getItem(r -> r.key(EventQueries.key(stream.asString(), slot)).consistentRead(true));
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "load the " + what + " of " + stream);
        }
        if (item == null || item.deflated() == null) {
            return Optional.empty();
        }
        return readable(stream, what,
                () -> Json.parseWrapping(DeflatedJson.inflate(item.deflated().asByteArrayUnsafe())));
    }

    /** What {@code reading} makes of a stored snapshot, or empty (logged) when it cannot: it is only a cache. */
    private static <T> Optional<T> readable(StreamKey stream, String what, Supplier<T> reading) {
        try {
            return Optional.of(reading.get());
        } catch (RuntimeException e) {
            LOG.warn("The {} of stream {} cannot be read, so it is not used: {}", what, stream, e.toString());
            return Optional.empty();
        }
    }

    /** Puts a snapshot item under {@code condition}, unless it is over DynamoDB's item limit. */
    private void write(StreamKey stream, EventItem item, long sequence, String what, Expression condition) {
        long size = ItemSize.of(EventItem.SCHEMA.itemToMap(item, true));
        if (size > ItemSize.MAX_ITEM_BYTES) {
            LOG.debug("The {} of stream {} at {} takes {} bytes, more than DynamoDB's item limit: not kept", what,
                    stream, sequence, size);
            return;
        }
        try {
            table.putItem(PutItemEnhancedRequest.builder(EventItem.class).item(item).conditionExpression(condition)
                    .build());
        } catch (ConditionalCheckFailedException laterOneKept) {
            // One at the same or a later event (of the same state version) is already there.
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "save the " + what + " of " + stream);
        }
    }

    /**
     * The sort key of the state named {@code name}: from -1 down to -2^62, by the first bytes of its SHA-256, so the
     * slot is the same in every process and the names of one stream rarely share one.
     */
    static long stateSlot(String name) {
        byte[] hash = Hashes.sha256(name);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (hash[i] & 0xff);
        }
        return -1 - (bits >>> 2);
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

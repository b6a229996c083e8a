package dev.eventstream.adapter.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventstream.api.EventTooLargeException;
import dev.eventstream.api.Json;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The events of one append, serialized and size-checked once, before any I/O; {@link #items} then lays them out
 * at whatever position an attempt writes them to.
 */
final class AppendBatch {
    private final StreamKey stream;
    private final List<NewEvent> events;
    private final List<String> payloadJson;
    /**
     * Each payload as a read returns it (parsed from the stored JSON), so that an append's result equals what a
     * later read gives, and stored events compare with these whatever node types the caller's tree used.
     */
    private final List<JsonNode> payloads;
    private final @Nullable Duration ttl;

    /**
     * @throws EventTooLargeException when an event's item would exceed DynamoDB's 400 KB
     * @throws IllegalArgumentException when the items together exceed the 4 MB one transaction may write
     */
    AppendBatch(StreamKey stream, List<NewEvent> events, @Nullable Duration ttl, Instant now) {
        this.stream = stream;
        this.events = List.copyOf(events);
        this.ttl = ttl;
        this.payloadJson = new ArrayList<>(events.size());
        this.payloads = new ArrayList<>(events.size());
        long total = ItemSize.of(EventItem.SCHEMA.itemToMap(EventItem.aggregationMarker(stream.aggregation()), true));
        for (NewEvent event : events) {
            String json = Json.write(event.payload());
            payloadJson.add(json);
            payloads.add(Json.parse(json));
            long size = worstCaseSize(event, json, now);
            if (size > ItemSize.MAX_ITEM_BYTES) {
                throw new EventTooLargeException(stream, event.eventType(), size, ItemSize.MAX_ITEM_BYTES);
            }
            total += size;
        }
        if (events.size() > 1 && total > ItemSize.MAX_TRANSACTION_BYTES) {
            throw new IllegalArgumentException(String.format("events of one append to %s take %d bytes in"
                    + " DynamoDB, more than the %d bytes one transaction may write: append them in smaller batches",
                    stream, total, ItemSize.MAX_TRANSACTION_BYTES));
        }
    }

    StreamKey stream() {
        return stream;
    }

    int size() {
        return events.size();
    }

    /**
     * The items that store these events right after {@code version}, committed at {@code commitTimestamp}; with
     * {@code pending} they are also marked as still to publish.
     */
    List<EventItem> items(long version, Instant commitTimestamp, boolean pending) {
        List<EventItem> items = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            items.add(EventItem.event(stream, version + 1 + i, event.eventId(), event.eventType(), payloadJson.get(i),
                    commitTimestamp, EventItem.expiry(commitTimestamp, ttl), pending));
        }
        return items;
    }

    /** The records of a successful write of {@link #items}. */
    List<RecordedEvent> recorded(long version, Instant commitTimestamp) {
        List<RecordedEvent> recorded = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            recorded.add(new RecordedEvent(stream.aggregation(), stream.streamId(), version + 1 + i, event.eventId(),
                    event.eventType(), payloads.get(i), commitTimestamp));
        }
        return recorded;
    }

    /**
     * Whether {@code stored}, the items found right after {@code version}, are these very events (same ids, types
     * and payloads, in order): then an earlier attempt wrote them and the append is already done.
     */
    boolean isStoredAs(long version, List<EventItem> stored) {
        if (stored.size() != events.size()) {
            return false;
        }
        for (int i = 0; i < events.size(); i++) {
            EventItem item = stored.get(i);
            NewEvent event = events.get(i);
            if (item.sequence() != version + 1 + i
                    || !event.eventId().toString().equals(item.id())
                    || !event.eventType().equals(item.type())
                    || item.data() == null
                    || !payloads.get(i).equals(Json.parse(item.data()))) {
                return false;
            }
        }
        return true;
    }

    /** A token that is the same exactly when the request is: the SDK's resends carry it, nothing else does. */
    String requestToken(long version, Instant commitTimestamp) {
        StringBuilder key = new StringBuilder(stream.asString()).append('\n').append(version).append('\n')
                .append(commitTimestamp.toEpochMilli());
        events.forEach(event -> key.append('\n').append(event.eventId()));
        return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The item's size as if it were the stream's first event (which also carries the listing keys) at the largest
     * sequence, marked pending, so no position it may land on makes it bigger.
     */
    private long worstCaseSize(NewEvent event, String json, Instant now) {
        EventItem first = EventItem.event(stream, 1, event.eventId(), event.eventType(), json, now,
                EventItem.expiry(now, ttl), true);
        return ItemSize.of(EventItem.SCHEMA.itemToMap(first, true))
                - ItemSize.numberSize("1") + ItemSize.numberSize(Long.toString(Long.MAX_VALUE));
    }
}

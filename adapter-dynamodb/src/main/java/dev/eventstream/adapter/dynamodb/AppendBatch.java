package dev.eventstream.adapter.dynamodb;

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
    /**
     * The events as given: each holds its payload and metadata as the JSON text the items store, so the records of
     * the append hold that same text, as a read returns it.
     */
    private final List<NewEvent> events;
    private final @Nullable Duration ttl;

    /**
     * @throws EventTooLargeException when an event's item would exceed DynamoDB's 400 KB
     * @throws IllegalArgumentException when the items together exceed the 4 MB one transaction may write
     */
    AppendBatch(StreamKey stream, List<NewEvent> events, @Nullable Duration ttl, Instant now) {
        this.stream = stream;
        this.events = List.copyOf(events);
        this.ttl = ttl;
        if (events.size() == 1) {
            NewEvent event = events.get(0);
            if (!ItemBound.surelyFits(stream, event)) {
                checkedSize(stream, event, now, ttl);
            }
            return;
        }
        long total = EventItem.aggregationMarkerSize(stream.aggregation());
        for (NewEvent event : events) {
            total += checkedSize(stream, event, now, ttl);
        }
        if (total > ItemSize.MAX_TRANSACTION_BYTES) {
            throw new IllegalArgumentException(String.format("events of one append to %s take %d bytes in"
                    + " DynamoDB, more than the %d bytes one transaction may write: append them in smaller batches",
                    stream, total, ItemSize.MAX_TRANSACTION_BYTES));
        }
    }

    /** The event's item size counted exactly, at its worst case; it must fit one item. */
    private static long checkedSize(StreamKey stream, NewEvent event, Instant now, @Nullable Duration ttl) {
        long size = EventItem.worstCaseEventSize(stream, event, now, EventItem.expiry(now, ttl));
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new EventTooLargeException(stream, event.eventType(), size, ItemSize.MAX_ITEM_BYTES);
        }
        return size;
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
            items.add(EventItem.event(stream, version + 1 + i, events.get(i), commitTimestamp,
                    EventItem.expiry(commitTimestamp, ttl), pending));
        }
        return items;
    }

    /** The records of a successful write of {@link #items}. */
    List<RecordedEvent> recorded(long version, Instant commitTimestamp) {
        List<RecordedEvent> recorded = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            // The stored text, parsed when first asked for: the record then equals what a later read returns,
            // whatever node types the caller's tree used (a float comes back a double either way).
            recorded.add(RecordedEvent.of(stream, version + 1 + i, events.get(i), commitTimestamp));
        }
        return recorded;
    }

    /**
     * Whether {@code stored}, the items found right after {@code version}, are these very events (same ids, types,
     * revisions, metadata and payloads, in order): then an earlier attempt wrote them and the append is already
     * done. An append that differs in revision or metadata only is another append, which finds its position taken.
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
                    || item.revision() != event.revision()
                    || !sameMetadata(event, item)
                    || item.data() == null
                    || !Json.sameValue(event.payloadJson(), item.data())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text compared first, as it is nearly always equal; then the values, for metadata written another way, and
     * without the trace context, which a retry in another trace carries differently.
     */
    private static boolean sameMetadata(NewEvent event, EventItem item) {
        String stored = item.meta();
        String appended = EventItem.storedMetadata(event);
        if (stored == null ? appended == null : stored.equals(appended)) {
            return true;
        }
        return item.metadata().sameContentAs(event.metadata());
    }

    /** A token that is the same exactly when the request is: the SDK's resends carry it, nothing else does. */
    String requestToken(long version, Instant commitTimestamp) {
        StringBuilder key = new StringBuilder(stream.asString()).append('\n').append(version).append('\n')
                .append(commitTimestamp.toEpochMilli());
        events.forEach(event -> key.append('\n').append(event.eventId()));
        return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}

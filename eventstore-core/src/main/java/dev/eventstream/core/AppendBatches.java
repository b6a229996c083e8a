package dev.eventstream.core;

import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventTooLargeException;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The checks of a batch to append that are the same for every adapter: count, nulls, distinct ids and size, in
 * {@link Limits}' terms. The batch is copied first and only the copy is checked and appended, so a list the caller
 * changes meanwhile can neither slip a duplicate id or an extra event past the checks.
 */
public final class AppendBatches {
    private AppendBatches() {}

    /**
     * An immutable copy of {@code events}, checked.
     *
     * @throws NullPointerException when the list or one of its events is null, naming it
     * @throws IllegalArgumentException naming {@code events} when the batch is empty, holds more than
     *     {@link Limits#MAX_EVENTS_PER_APPEND} events or one event id twice, or exceeds
     *     {@link Limits#MAX_APPEND_BYTES}
     * @throws EventTooLargeException when one event exceeds {@link Limits#MAX_EVENT_BYTES}
     */
    public static List<NewEvent> checkedCopy(StreamKey stream, List<NewEvent> events) {
        return checkedCopy(stream, events, EventTypes.none(), EventMetadata.none());
    }

    /**
     * An immutable copy of {@code events}, checked, each element made a {@link NewEvent}: a typed event by
     * {@code types} (carrying {@code metadata}), a {@code NewEvent} as it is (carrying {@code metadata} when it has
     * none of its own).
     *
     * @throws IllegalArgumentException naming the element when it is neither a {@code NewEvent} nor of a class
     *     registered in {@code types}, and as {@link #checkedCopy(StreamKey, List)} says
     */
    public static List<NewEvent> checkedCopy(StreamKey stream, List<?> events, EventTypes types,
            EventMetadata metadata) {
        return checkedCopy(stream, events, types, metadata, Map.of());
    }

    /**
     * As {@link #checkedCopy(StreamKey, List, EventTypes, EventMetadata)}, each event's metadata also carrying the
     * headers of {@code traceContext} it does not have (see {@link Instrumented#withContext}). An event whose
     * metadata has no room for them goes without, and so does a batch they would make too large.
     */
    static List<NewEvent> checkedCopy(StreamKey stream, List<?> events, EventTypes types, EventMetadata metadata,
            Map<String, String> traceContext) {
        try {
            return checked(stream, events, types, metadata, traceContext);
        } catch (IllegalArgumentException | EventTooLargeException e) {
            if (traceContext.isEmpty()) {
                throw e;
            }
            // The context tipped an event or the batch over a limit: the append goes without it.
            return checked(stream, events, types, metadata, Map.of());
        }
    }

    private static List<NewEvent> checked(StreamKey stream, List<?> events, EventTypes types, EventMetadata metadata,
            Map<String, String> traceContext) {
        if (events == null) {
            throw new NullPointerException("events is null");
        }
        Object[] copy = events.toArray();
        if (copy.length == 0) {
            throw new IllegalArgumentException("events must not be empty");
        }
        if (copy.length > Limits.MAX_EVENTS_PER_APPEND) {
            throw new IllegalArgumentException(String.format(
                    "events must hold at most %d events, was %d", Limits.MAX_EVENTS_PER_APPEND, copy.length));
        }
        // One event cannot repeat an id: a single-event append, the most common one, builds no set.
        Set<UUID> ids = copy.length > 1 ? new HashSet<>() : Set.of();
        long streamBytes = Utf8.length(stream.aggregation()) + Utf8.length(stream.streamId());
        long total = 0;
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                throw new NullPointerException("events[" + i + "] is null");
            }
            NewEvent event = Instrumented.withContext(toNewEvent(copy[i], i, types, metadata), traceContext);
            copy[i] = event;
            if (copy.length > 1 && !ids.add(event.eventId())) {
                throw new IllegalArgumentException("events hold event id " + event.eventId() + " more than once");
            }
            long size = streamBytes + Utf8.length(event.eventType()) + Utf8.length(event.payloadJson())
                    + (event.metadata().isEmpty() ? 0 : Utf8.length(event.metadataJson()));
            if (size > Limits.MAX_EVENT_BYTES) {
                throw new EventTooLargeException(stream, event.eventType(), size, Limits.MAX_EVENT_BYTES);
            }
            total += size;
        }
        if (total > Limits.MAX_APPEND_BYTES) {
            throw new IllegalArgumentException(String.format("events of one append to %s take %d bytes, more than"
                    + " the %d one append may take (Limits.MAX_APPEND_BYTES): append them in smaller batches",
                    stream, total, Limits.MAX_APPEND_BYTES));
        }
        @SuppressWarnings("unchecked")
        List<NewEvent> checked = (List<NewEvent>) (List<?>) List.of(copy);
        return checked;
    }

    private static NewEvent toNewEvent(Object element, int index, EventTypes types, EventMetadata metadata) {
        if (element instanceof NewEvent event) {
            return metadata.isEmpty() || !event.metadata().isEmpty() ? event : event.withMetadata(metadata);
        }
        try {
            return types.newEvent(UUID.randomUUID(), element, metadata);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("events[" + index + "]: " + e.getMessage(), e);
        }
    }
}

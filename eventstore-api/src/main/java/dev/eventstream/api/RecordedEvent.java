package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as the store committed it.
 *
 * @param aggregation the stream's aggregation
 * @param streamId the stream's id inside the aggregation
 * @param sequence position in the stream: 1, 2, 3 ... with no gaps and no duplicates
 * @param eventId the id given at append time
 * @param eventType what happened
 * @param payload the event's data as a JSON tree; treat it as read-only
 * @param commitTimestamp when the store committed the event, by the store's clock
 */
public record RecordedEvent(
        String aggregation,
        String streamId,
        long sequence,
        UUID eventId,
        String eventType,
        JsonNode payload,
        Instant commitTimestamp) {

    public RecordedEvent {
        requireNonNull(aggregation, "aggregation is null");
        requireNonNull(streamId, "streamId is null");
        Arguments.require(sequence >= 1, "sequence must be at least 1, was " + sequence);
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(commitTimestamp, "commitTimestamp is null");
    }

    /** The recorded form of {@code event}, committed at {@code sequence} of {@code stream}. */
    public static RecordedEvent of(StreamKey stream, long sequence, NewEvent event, Instant commitTimestamp) {
        return new RecordedEvent(stream.aggregation(), stream.streamId(), sequence, event.eventId(),
                event.eventType(), event.payload(), commitTimestamp);
    }

    public StreamKey stream() {
        return new StreamKey(aggregation, streamId);
    }

    /** Reads the payload into {@code type} with the store's JSON mapping ({@link Json}). */
    public <T> T payloadAs(Class<T> type) {
        requireNonNull(type, "type is null");
        return Json.fromTree(payload, type);
    }

    /** Whether this recorded event is what appending {@code event} would store: same id, type and payload. */
    public boolean sameContentAs(NewEvent event) {
        return eventId.equals(event.eventId())
                && eventType.equals(event.eventType())
                && payload.equals(event.payload());
    }
}

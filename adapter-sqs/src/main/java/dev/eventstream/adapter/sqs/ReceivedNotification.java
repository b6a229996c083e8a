package dev.eventstream.adapter.sqs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventstream.api.Json;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event notification as read from a queue (format: {@code docs/sns-messages.md}).
 *
 * @param payload the event's payload, {@code null} when the publisher left it out for size
 */
record ReceivedNotification(
        StreamKey stream,
        long sequence,
        UUID eventId,
        String eventType,
        Instant commitTimestamp,
        @Nullable JsonNode payload) {

    ReceivedNotification {
        requireNonNull(stream, "stream is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(commitTimestamp, "commitTimestamp is null");
    }

    /**
     * Reads a message body: the notification itself (raw message delivery) or the SNS envelope around it.
     *
     * @throws IllegalArgumentException when the body is not an event notification
     */
    static ReceivedNotification parse(String body) {
        JsonNode root = Json.parse(body);
        if ("Notification".equals(root.path("Type").asText()) && root.path("Message").isTextual()) {
            root = Json.parse(root.get("Message").asText());
        }
        JsonNode event = root.path("event");
        JsonNode stream = root.path("stream");
        JsonNode sequence = event.path("sequence");
        if (!sequence.canConvertToExactIntegral() || sequence.asLong() < 1) {
            throw new IllegalArgumentException("event.sequence must be a whole number of at least 1");
        }
        boolean payloadOmitted = event.path("payloadOmitted").asBoolean(false);
        JsonNode payload = event.get("payload");
        if (!payloadOmitted && payload == null) {
            throw new IllegalArgumentException("event.payload is missing and not flagged as omitted");
        }
        try {
            return new ReceivedNotification(
                    new StreamKey(text(stream, "aggregation", "stream"), text(stream, "id", "stream")),
                    sequence.asLong(),
                    UUID.fromString(text(event, "eventId", "event")),
                    text(event, "eventType", "event"),
                    Instant.parse(text(event, "commitTimestamp", "event")),
                    payloadOmitted ? null : payload);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event.commitTimestamp is not an ISO-8601 instant", e);
        }
    }

    boolean payloadOmitted() {
        return payload == null;
    }

    /** The event this notification carries in full. */
    RecordedEvent toEvent() {
        if (payload == null) {
            throw new IllegalStateException("the notification of event " + eventId + " carries no payload");
        }
        return new RecordedEvent(stream.aggregation(), stream.streamId(), sequence, eventId, eventType, payload,
                commitTimestamp);
    }

    private static String text(JsonNode parent, String field, String parentName) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(parentName + "." + field + " must be a string");
        }
        return value.asText();
    }
}

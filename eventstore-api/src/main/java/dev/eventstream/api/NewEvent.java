package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * An event to append. The payload is turned into a JSON tree when the event is made, so a value Jackson cannot
 * serialize is rejected here, before anything reaches storage.
 *
 * @param eventId identifies the event for idempotent retries; reuse it when you retry the same append
 * @param eventType what happened, e.g. {@code PLACED}
 * @param payload the event's data as a JSON tree; treat it as read-only
 */
public record NewEvent(UUID eventId, String eventType, JsonNode payload) {
    public NewEvent {
        requireNonNull(eventId, "eventId is null");
        Arguments.requireName(eventType, "eventType", Limits.MAX_EVENT_TYPE_BYTES);
        requireNonNull(payload, "payload is null");
    }

    /** An event with a random id. */
    public static NewEvent of(String eventType, Object payload) {
        return of(UUID.randomUUID(), eventType, payload);
    }

    /** An event with the given id, for appends that may be retried. */
    public static NewEvent of(UUID eventId, String eventType, Object payload) {
        return new NewEvent(eventId, eventType, Json.toTree(payload, "payload"));
    }
}

package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event in its JSON form, as an {@link Upcaster} sees and returns it: the type name, the revision of the
 * payload's shape, and the payload as a tree (an upcaster may change it in place or return another).
 */
public record EventShape(String eventType, int revision, JsonNode payload) {
    public EventShape {
        Arguments.requireName(eventType, "eventType", Limits.MAX_EVENT_TYPE_BYTES);
        NewEvent.checkRevision(revision);
        requireNonNull(payload, "payload is null");
    }

    /** This event at the next revision of its type, with {@code payload}. */
    public EventShape next(JsonNode payload) {
        return new EventShape(eventType, revision + 1, payload);
    }
}

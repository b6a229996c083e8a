package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event to append. The payload is written as JSON text once, when the event is made, so a value that cannot be
 * serialized, or that the store could not read back exactly (see {@link Json}), is rejected here, before anything
 * reaches storage; storage then keeps that same text.
 *
 * <p>A value: two events are equal when their ids, types and payload texts are.
 */
public final class NewEvent {
    private final UUID eventId;
    private final String eventType;
    private final String payloadJson;
    private final LazyTree payload;

    /**
     * @param eventId identifies the event for idempotent retries; reuse it when you retry the same append
     * @param eventType what happened, e.g. {@code PLACED}
     * @param payload the event's data as a JSON tree; it is written as JSON text now, so later changes to the
     *     tree do not reach the event
     * @throws IllegalArgumentException naming {@code payload} when it holds what the store cannot read back
     */
    public NewEvent(UUID eventId, String eventType, JsonNode payload) {
        this(eventId, eventType, (Object) requireNonNull(payload, "payload is null"));
    }

    private NewEvent(UUID eventId, String eventType, Object payload) {
        this.eventId = requireNonNull(eventId, "eventId is null");
        this.eventType = Arguments.requireName(eventType, "eventType", Limits.MAX_EVENT_TYPE_BYTES);
        this.payloadJson = Json.toJson(payload, "payload");
        this.payload = LazyTree.ofText(payloadJson);
    }

    /** An event with a random id. */
    public static NewEvent of(String eventType, Object payload) {
        return of(UUID.randomUUID(), eventType, payload);
    }

    /** An event with the given id, for appends that may be retried. */
    public static NewEvent of(UUID eventId, String eventType, Object payload) {
        return new NewEvent(eventId, eventType, payload);
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    /** The payload as compact JSON text, exactly as the store writes it. */
    public String payloadJson() {
        return payloadJson;
    }

    /**
     * The payload as a JSON tree, read from {@link #payloadJson()} on the first call: the same tree a read of the
     * stored event gives. Treat it as read-only; every later call returns the same tree.
     */
    public JsonNode payload() {
        return payload.tree(Json::parse);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || other instanceof NewEvent that
                && eventId.equals(that.eventId)
                && eventType.equals(that.eventType)
                && payloadJson.equals(that.payloadJson);
    }

    @Override
    public int hashCode() {
        return (eventId.hashCode() * 31 + eventType.hashCode()) * 31 + payloadJson.hashCode();
    }

    @Override
    public String toString() {
        return "NewEvent[eventId=" + eventId + ", eventType=" + eventType + ", payload=" + payloadJson + "]";
    }
}

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
 * <p>Besides its type and payload an event has a revision (the version of its payload's shape, 1 unless an event
 * type has changed shape; see {@link EventTypes}) and {@link EventMetadata} (none unless given).
 *
 * <p>A value: two events are equal when their ids, types, revisions, payload texts and metadata are.
 */
public final class NewEvent {
    private final UUID eventId;
    private final String eventType;
    private final int revision;
    private final String payloadJson;
    private final LazyTree payload;
    private final EventMetadata metadata;
    /** Written once here, since both the size check and the storage need it. */
    private final String metadataJson;

    /**
     * @param eventId identifies the event for idempotent retries; reuse it when you retry the same append
     * @param eventType what happened, e.g. {@code PLACED}
     * @param payload the event's data as a JSON tree; it is written as JSON text now, so later changes to the
     *     tree do not reach the event
     * @throws IllegalArgumentException naming {@code payload} when it holds what the store cannot read back
     */
    public NewEvent(UUID eventId, String eventType, JsonNode payload) {
        this(eventId, Arguments.requireName(eventType, "eventType", Limits.MAX_EVENT_TYPE_BYTES), 1,
                Json.toJson(requireNonNull(payload, "payload is null"), "payload"), EventMetadata.none());
    }

    /** Every argument checked, the payload already written by the store's checked writer. */
    NewEvent(UUID eventId, String eventType, int revision, String payloadJson, EventMetadata metadata) {
        this(eventId, eventType, revision, payloadJson, LazyTree.ofText(payloadJson), requireNonNull(metadata,
                "metadata is null"), metadata.isEmpty() ? "{}" : metadata.toJson());
    }

    private NewEvent(UUID eventId, String eventType, int revision, String payloadJson, LazyTree payload,
            EventMetadata metadata, String metadataJson) {
        this.eventId = requireNonNull(eventId, "eventId is null");
        this.eventType = eventType;
        this.revision = revision;
        this.payloadJson = payloadJson;
        this.payload = payload;
        this.metadata = metadata;
        this.metadataJson = metadataJson;
    }

    /** An event with a random id. */
    public static NewEvent of(String eventType, Object payload) {
        return of(UUID.randomUUID(), eventType, payload);
    }

    /** An event with the given id, for appends that may be retried. */
    public static NewEvent of(UUID eventId, String eventType, Object payload) {
        return new NewEvent(eventId, Arguments.requireName(eventType, "eventType", Limits.MAX_EVENT_TYPE_BYTES), 1,
                Json.toJson(payload, "payload"), EventMetadata.none());
    }

    /** This event carrying {@code metadata} instead of its own; the payload is not written again. */
    public NewEvent withMetadata(EventMetadata metadata) {
        return new NewEvent(eventId, eventType, revision, payloadJson, requireNonNull(metadata, "metadata is null"));
    }

    /**
     * This event declaring its payload to be of shape {@code revision} of its type; the payload is not written
     * again. Events typed through {@link EventTypes} get their revision from there.
     *
     * @param revision 1 to {@link Limits#MAX_REVISION}
     */
    public NewEvent withRevision(int revision) {
        // Payload tree and metadata text are kept: nothing of the event but its revision changes.
        return new NewEvent(eventId, eventType, checkRevision(revision), payloadJson, payload, metadata, metadataJson);
    }

    static int checkRevision(int revision) {
        // The message is built only on failure: every recorded event is checked, on every append and read.
        if (revision < 1 || revision > Limits.MAX_REVISION) {
            throw new IllegalArgumentException(String.format(
                    "revision must be between 1 and %d, was %d", Limits.MAX_REVISION, revision));
        }
        return revision;
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    /** The version of the payload's shape for this event type; 1 unless set. */
    public int revision() {
        return revision;
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

    public EventMetadata metadata() {
        return metadata;
    }

    /** The metadata's compact JSON form ({@link EventMetadata#toJson()}), written once; {@code {}} for none. */
    public String metadataJson() {
        return metadataJson;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || other instanceof NewEvent that
                && eventId.equals(that.eventId)
                && eventType.equals(that.eventType)
                && revision == that.revision
                && payloadJson.equals(that.payloadJson)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return ((eventId.hashCode() * 31 + eventType.hashCode()) * 31 + payloadJson.hashCode()) * 31 + revision;
    }

    @Override
    public String toString() {
        return "NewEvent[eventId=" + eventId + ", eventType=" + eventType + ", revision=" + revision + ", payload="
                + payloadJson + ", metadata=" + metadata + "]";
    }
}

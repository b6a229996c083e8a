package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * An event as the store committed it. A value: two events are equal when every field, the payload included, is.
 *
 * <p>An event read from storage may hold its payload as the stored JSON text and parse it on the first call of
 * {@link #payload()}: reading a stream then costs no JSON parsing for events whose payload nobody looks at (a
 * projection that skips most types, a count, a copy to elsewhere), and {@link #payloadAs(Class)} reads the text
 * straight into the class without building a tree first. Once parsed, the same tree is returned every time.
 */
public final class RecordedEvent {
    private final String aggregation;
    private final String streamId;
    private final long sequence;
    private final UUID eventId;
    private final String eventType;
    private final Instant commitTimestamp;
    private final int revision;
    private final LazyTree payload;
    private final EventMetadata metadata;
    /**
     * The registry typed reads use: {@link EventTypes#none()} until a store reads the event with its own, which it
     * then takes as its own once (an event fresh from storage has one reader), sparing a copy of every event read.
     * Not part of the value.
     */
    private volatile EventTypes types;
    private static final AtomicReferenceFieldUpdater<RecordedEvent, EventTypes> TYPES =
            AtomicReferenceFieldUpdater.newUpdater(RecordedEvent.class, EventTypes.class, "types");
    /** What {@link #event()} returned, kept so the payload is read into its class once. */
    private volatile @Nullable Object decoded;

    /**
     * @param aggregation the stream's aggregation
     * @param streamId the stream's id inside the aggregation
     * @param sequence position in the stream: 1, 2, 3 ... with no gaps and no duplicates
     * @param eventId the id given at append time
     * @param eventType what happened
     * @param payload the event's data as a JSON tree; treat it as read-only
     * @param commitTimestamp when the store committed the event, by the store's clock
     */
    public RecordedEvent(String aggregation, String streamId, long sequence, UUID eventId, String eventType,
            JsonNode payload, Instant commitTimestamp) {
        this(aggregation, streamId, sequence, eventId, eventType, 1,
                LazyTree.ofTree(requireNonNull(payload, "payload is null")), EventMetadata.none(), commitTimestamp);
    }

    private RecordedEvent(String aggregation, String streamId, long sequence, UUID eventId, String eventType,
            int revision, LazyTree payload, EventMetadata metadata, Instant commitTimestamp) {
        this(aggregation, streamId, sequence, eventId, eventType, revision, payload, metadata, commitTimestamp,
                EventTypes.none());
    }

    private RecordedEvent(String aggregation, String streamId, long sequence, UUID eventId, String eventType,
            int revision, LazyTree payload, EventMetadata metadata, Instant commitTimestamp, EventTypes types) {
        this.aggregation = requireNonNull(aggregation, "aggregation is null");
        this.streamId = requireNonNull(streamId, "streamId is null");
        if (sequence < 1) {
            // Not Arguments.require, which would build the message for every event appended or read.
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
        this.sequence = sequence;
        this.eventId = requireNonNull(eventId, "eventId is null");
        this.eventType = requireNonNull(eventType, "eventType is null");
        this.revision = NewEvent.checkRevision(revision);
        this.payload = payload;
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.commitTimestamp = requireNonNull(commitTimestamp, "commitTimestamp is null");
        this.types = types;
    }

    /**
     * This event, typed reads going through {@code types}: itself when it has no registry yet (it takes this one)
     * or has this one, else a copy sharing the payload, not parsed.
     */
    RecordedEvent readWith(EventTypes types) {
        EventTypes current = this.types;
        if (current == types || current == EventTypes.none() && TYPES.compareAndSet(this, current, types)) {
            return this;
        }
        return new RecordedEvent(aggregation, streamId, sequence, eventId, eventType, revision, payload, metadata,
                commitTimestamp, types);
    }

    /**
     * This event as an upcaster left it: under {@code id}, {@code type} and {@code revision}, with {@code tree} as
     * its payload, or its own payload when {@code tree} is null (only renamed).
     */
    RecordedEvent upcastTo(UUID id, String type, int revision, @Nullable JsonNode tree, EventTypes types) {
        return new RecordedEvent(aggregation, streamId, sequence, id, type, revision,
                tree == null ? payload : LazyTree.ofTree(tree), metadata, commitTimestamp, types);
    }

    /**
     * An event whose payload is the JSON text {@code payloadJson}, as storage holds it; it is parsed when first
     * asked for. Text that is not JSON fails then, with an {@link IllegalStateException} naming the event.
     */
    public static RecordedEvent withPayloadJson(String aggregation, String streamId, long sequence, UUID eventId,
            String eventType, String payloadJson, Instant commitTimestamp) {
        return withPayloadJson(aggregation, streamId, sequence, eventId, eventType, 1, payloadJson,
                EventMetadata.none(), commitTimestamp);
    }

    /**
     * An event as storage holds it, with its revision and metadata; the payload {@code payloadJson} is parsed when
     * first asked for, as {@link #withPayloadJson(String, String, long, UUID, String, String, Instant)} says.
     */
    public static RecordedEvent withPayloadJson(String aggregation, String streamId, long sequence, UUID eventId,
            String eventType, int revision, String payloadJson, EventMetadata metadata, Instant commitTimestamp) {
        return new RecordedEvent(aggregation, streamId, sequence, eventId, eventType, revision,
                LazyTree.ofText(requireNonNull(payloadJson, "payloadJson is null")), metadata, commitTimestamp);
    }

    /** The recorded form of {@code event}, committed at {@code sequence} of {@code stream}. */
    public static RecordedEvent of(StreamKey stream, long sequence, NewEvent event, Instant commitTimestamp) {
        return withPayloadJson(stream.aggregation(), stream.streamId(), sequence, event.eventId(),
                event.eventType(), event.revision(), event.payloadJson(), event.metadata(), commitTimestamp);
    }

    public String aggregation() {
        return aggregation;
    }

    public String streamId() {
        return streamId;
    }

    public long sequence() {
        return sequence;
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    /** The version of the payload's shape for this event type, as it was appended; 1 unless set. */
    public int revision() {
        return revision;
    }

    /** The correlation, causation and headers the event was appended with; {@link EventMetadata#none()} if none. */
    public EventMetadata metadata() {
        return metadata;
    }

    /** The event's data as a JSON tree; treat it as read-only, since every later call returns the same tree. */
    public JsonNode payload() {
        return payload.tree(this::parse);
    }

    /**
     * The payload as compact JSON text: the stored text itself when the event was read from storage (no parsing,
     * no rewriting, so numbers keep every digit), else the tree written as JSON.
     */
    public String payloadJson() {
        String text = payload.text();
        return text != null ? text : Json.write(payload());
    }

    public Instant commitTimestamp() {
        return commitTimestamp;
    }

    public StreamKey stream() {
        return new StreamKey(aggregation, streamId);
    }

    /**
     * Whether the payload's text has been parsed into a tree, or the event was made from one; for tests that hold
     * a path (an append, a read) to parsing no payload nobody asked for.
     */
    boolean payloadParsed() {
        return payload.unparsedText() == null;
    }

    /**
     * Reads the payload into {@code type} with the store's {@link EventSerializer} (the store's JSON mapping,
     * {@link Json}, unless its {@link EventTypes} name another).
     */
    public <T> T payloadAs(Class<T> type) {
        requireNonNull(type, "type is null");
        String unparsed = payload.unparsedText();
        EventSerializer serializer = types.serializer();
        return unparsed != null ? serializer.deserialize(unparsed, type) : serializer.deserialize(payload(), type);
    }

    /**
     * The event as an instance of the class the store's {@link EventTypes} register for its type, read once and
     * kept. Match on it: {@code if (event.event() instanceof Deposited deposited) ...}.
     *
     * @throws UnknownEventTypeException when no class is registered for the type (unless the registry reads such
     *     events as untyped: then it is the payload tree)
     * @throws IllegalArgumentException when the payload cannot be read into the class
     */
    public Object event() {
        Object value = decoded;
        if (value == null) {
            value = types.decode(this);
            decoded = value;
        }
        return value;
    }

    /**
     * {@link #event()} as a {@code type}.
     *
     * @throws ClassCastException naming both classes when the event is of another class
     */
    public <E> E event(Class<E> type) {
        requireNonNull(type, "type is null");
        Object value = event();
        if (!type.isInstance(value)) {
            throw new ClassCastException("event " + eventId + " (" + stream() + " at " + sequence + ", " + eventType
                    + ") is a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    /** Whether {@link #event()} is a type the registry has no class for, read as untyped by its choice. */
    public boolean isUntyped() {
        return types.isUntyped(event());
    }

    /**
     * Whether this recorded event is what appending {@code event} would store: same id, type, revision, payload and
     * metadata.
     */
    public boolean sameContentAs(NewEvent event) {
        return eventId.equals(event.eventId())
                && eventType.equals(event.eventType())
                && revision == event.revision()
                && metadata.equals(event.metadata())
                && Json.sameValue(payloadJson(), event.payloadJson());
    }

    private JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the stored payload of event " + eventId + " (" + stream() + " at "
                    + sequence + ") is " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || other instanceof RecordedEvent that
                && sequence == that.sequence
                && aggregation.equals(that.aggregation)
                && streamId.equals(that.streamId)
                && eventId.equals(that.eventId)
                && eventType.equals(that.eventType)
                && revision == that.revision
                && commitTimestamp.equals(that.commitTimestamp)
                && metadata.equals(that.metadata)
                && payload().equals(that.payload());
    }

    @Override
    public int hashCode() {
        return Objects.hash(aggregation, streamId, sequence, eventId, eventType, revision, payload(), commitTimestamp);
    }

    @Override
    public String toString() {
        return "RecordedEvent[aggregation=" + aggregation + ", streamId=" + streamId + ", sequence=" + sequence
                + ", eventId=" + eventId + ", eventType=" + eventType + ", revision=" + revision
                + ", payload=" + payload() + ", metadata=" + metadata + ", commitTimestamp=" + commitTimestamp + "]";
    }
}

package dev.eventstream.adapter.sns;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.aws.Hashes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The SNS message announcing one committed event, in the format described in {@code docs/sns-messages.md}.
 *
 * @param body the JSON message body
 * @param attributes the message attributes subscribers can filter on
 * @param groupId the FIFO message group (one per stream), {@code null} on a standard topic
 * @param deduplicationId the FIFO deduplication id (the event id), {@code null} on a standard topic
 * @param sizeBytes what SNS counts against its size limit: the body plus every attribute's name, type and value
 */
record SnsNotification(
        String body,
        Map<String, MessageAttributeValue> attributes,
        @Nullable String groupId,
        @Nullable String deduplicationId,
        long sizeBytes) {

    /** The most SNS accepts in one message, and in one batch altogether: 256 KiB. */
    static final int MAX_SIZE_BYTES = 262_144;

    static final String AGGREGATION = "aggregation";
    static final String STREAM_ID = "streamId";
    static final String EVENT_TYPE = "eventType";
    static final String EVENT_ID = "eventId";
    static final String SEQUENCE = "sequence";
    static final String PAYLOAD_OMITTED = "payloadOmitted";
    static final String CORRELATION_ID = "correlationId";
    static final String CAUSATION_ID = "causationId";
    static final String REVISION = "revision";
    static final String METADATA = "metadata";
    /** The W3C Trace Context header, carried as an attribute too for tracing that reads attributes only. */
    static final String TRACEPARENT = "traceparent";

    /** SNS takes at most 10 message attributes per message. */
    static final int MAX_ATTRIBUTES = 10;
    /**
     * Attributes kept free for what is still to come. A notification carries at most nine: the five every message
     * has, {@code payloadOmitted}, the correlation and causation ids, and {@code traceparent}.
     */
    static final int RESERVED_ATTRIBUTES = 1;
    /** The longest {@code traceparent} copied into an attribute; version 00 of the header takes 55 characters. */
    private static final int MAX_TRACEPARENT_LENGTH = 512;

    private static final int MAX_GROUP_ID_LENGTH = 128;
    private static final JsonFactory JSON = new JsonFactory();

    SnsNotification {
        requireNonNull(body, "body is null");
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
        if (attributes.size() > MAX_ATTRIBUTES - RESERVED_ATTRIBUTES) {
            throw new IllegalArgumentException(String.format("a notification may carry at most %d attributes, %d"
                    + " of SNS's %d being reserved, was %d", MAX_ATTRIBUTES - RESERVED_ATTRIBUTES,
                    RESERVED_ATTRIBUTES, MAX_ATTRIBUTES, attributes.size()));
        }
    }

    /**
     * The notification of {@code event}. When the full message would exceed {@link #MAX_SIZE_BYTES}, the payload
     * is left out and flagged, so subscribers read the event from the store instead. The revision and metadata are
     * never left out: they are small, and a subscriber filtering on them must see them on every message.
     */
    static SnsNotification of(RecordedEvent event, boolean fifo) {
        String groupId = fifo ? groupId(event.stream()) : null;
        String deduplicationId = fifo ? event.eventId().toString() : null;
        SnsNotification full = create(body(event, false), attributes(event, false), groupId, deduplicationId);
        if (full.sizeBytes() <= MAX_SIZE_BYTES) {
            return full;
        }
        // Without its payload it always fits: the names and ids take a few KiB, even written twice and escaped,
        // and the metadata at most 16 KiB of text (Limits.MAX_METADATA_BYTES), twice that as JSON at worst.
        return create(body(event, true), attributes(event, true), groupId, deduplicationId);
    }

    boolean payloadOmitted() {
        return attributes.containsKey(PAYLOAD_OMITTED);
    }

    /**
     * The FIFO message group of a stream. SNS takes up to 128 printable ASCII characters other than space;
     * {@link StreamKey#asString()} is used when it qualifies, otherwise the SHA-256 of it in lower-case hex.
     * The two never collide: {@code asString()} always holds a colon, a hex digest never does.
     */
    static String groupId(StreamKey stream) {
        String key = stream.asString();
        if (key.length() <= MAX_GROUP_ID_LENGTH && key.chars().allMatch(c -> c > ' ' && c <= '~')) {
            return key;
        }
        return Hashes.sha256Hex(key);
    }

    private static SnsNotification create(String body, Map<String, MessageAttributeValue> attributes,
            @Nullable String groupId, @Nullable String deduplicationId) {
        long size = utf8Length(body);
        for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
            size += utf8Length(attribute.getKey()) + utf8Length(attribute.getValue().dataType())
                    + utf8Length(attribute.getValue().stringValue());
        }
        return new SnsNotification(body, attributes, groupId, deduplicationId, size);
    }

    /**
     * The JSON body. The payload goes in as the text {@link RecordedEvent#payloadJson()} gives, the stored text
     * itself for an event read from storage, never parsed: a number keeps every digit and its scale, and a payload
     * that the store's JSON reader cannot parse (too deep, a number too long) is published all the same.
     */
    private static String body(RecordedEvent event, boolean omitPayload) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeFieldName("event");
            json.writeStartObject();
            json.writeStringField(EVENT_ID, event.eventId().toString());
            json.writeNumberField(SEQUENCE, event.sequence());
            json.writeStringField(EVENT_TYPE, event.eventType());
            // Left out at their defaults, so the body of an event without them is what it was before they existed.
            if (event.revision() != 1) {
                json.writeNumberField(REVISION, event.revision());
            }
            json.writeStringField("commitTimestamp", event.commitTimestamp().toString());
            if (!event.metadata().isEmpty()) {
                json.writeFieldName(METADATA);
                json.writeRawValue(event.metadata().toJson());
            }
            if (omitPayload) {
                json.writeBooleanField(PAYLOAD_OMITTED, true);
            } else {
                json.writeFieldName("payload");
                json.writeRawValue(event.payloadJson());
            }
            json.writeEndObject();
            json.writeFieldName("stream");
            json.writeStartObject();
            json.writeStringField(AGGREGATION, event.aggregation());
            json.writeStringField("id", event.streamId());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    private static Map<String, MessageAttributeValue> attributes(RecordedEvent event, boolean omitPayload) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(AGGREGATION, string(event.aggregation()));
        attributes.put(STREAM_ID, string(event.streamId()));
        attributes.put(EVENT_TYPE, string(event.eventType()));
        attributes.put(EVENT_ID, string(event.eventId().toString()));
        attributes.put(SEQUENCE, MessageAttributeValue.builder()
                .dataType("Number")
                .stringValue(Long.toString(event.sequence()))
                .build());
        if (omitPayload) {
            attributes.put(PAYLOAD_OMITTED, string("true"));
        }
        // So filter policies can match a conversation; the headers stay in the body, since they are more than SNS's
        // ten attributes can hold.
        EventMetadata metadata = event.metadata();
        if (metadata.correlationId() != null) {
            attributes.put(CORRELATION_ID, string(metadata.correlationId()));
        }
        if (metadata.causationId() != null) {
            attributes.put(CAUSATION_ID, string(metadata.causationId()));
        }
        // So that a consumer's tracing (an agent's SQS instrumentation, a Lambda) continues the append's trace
        // without parsing the body; the header stays in the body's metadata too.
        metadata.header(TRACEPARENT).filter(SnsNotification::carriable)
                .ifPresent(traceparent -> attributes.put(TRACEPARENT, string(traceparent)));
        return attributes;
    }

    /**
     * Whether a {@code traceparent} header can go into an attribute: printable ASCII without spaces, as the W3C
     * format is, and short. Anything else (SQS refuses some characters, SNS an empty value) stays in the body only,
     * so that a header never keeps a notification from being delivered.
     */
    private static boolean carriable(String traceparent) {
        return !traceparent.isEmpty() && traceparent.length() <= MAX_TRACEPARENT_LENGTH
                && traceparent.chars().allMatch(c -> c > ' ' && c <= '~');
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static int utf8Length(@Nullable String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }
}

package dev.eventstream.adapter.sqs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.Limits;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event notification as read from a queue (format: {@code docs/sns-messages.md}).
 *
 * <p>The body is read with a streaming parser and no tree is built: the payload is taken as the exact text of the
 * body between its first and last character, so it reaches the subscriber with every digit and scale as the
 * publisher sent it (the stored text), and is parsed only if the subscriber asks for it. The metadata, small and
 * bounded, is read into {@link EventMetadata} at once, so a message whose metadata is damaged is refused like any
 * other damaged message.
 *
 * @param revision the event's revision; 1 when the body has none, as in messages from before revisions existed
 * @param metadata the event's metadata; {@link EventMetadata#none()} when the body has none
 * @param payloadJson the event's payload as JSON text, {@code null} when the publisher left it out for size
 */
record ReceivedNotification(
        StreamKey stream,
        long sequence,
        UUID eventId,
        String eventType,
        int revision,
        Instant commitTimestamp,
        EventMetadata metadata,
        @Nullable String payloadJson) {

    /**
     * The most characters a notification holds, SNS's 256 KiB: no JSON in one can nest deeper or hold a longer
     * number, so the parser's limits are set to it and whatever the publisher wrote is read.
     */
    private static final int MAX_NOTIFICATION_CHARS = 262_144;
    private static final int MAX_LONG_DIGITS = 19;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NOTIFICATION_CHARS)
                    .maxNumberLength(MAX_NOTIFICATION_CHARS)
                    .build())
            // An error message must not quote the body: it may hold a payload.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    ReceivedNotification {
        requireNonNull(stream, "stream is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(commitTimestamp, "commitTimestamp is null");
        requireNonNull(metadata, "metadata is null");
    }

    /**
     * Reads a message body: the notification itself (raw message delivery) or the SNS envelope around it.
     *
     * @throws IllegalArgumentException when the body is not an event notification, saying why without quoting it
     */
    static ReceivedNotification parse(String body) {
        requireNonNull(body, "body is null");
        Fields root = read(body);
        if ("Notification".equals(root.type) && root.message != null) {
            return read(root.message).toNotification();
        }
        return root.toNotification();
    }

    boolean payloadOmitted() {
        return payloadJson == null;
    }

    /** The event this notification carries in full, its payload still the text received. */
    RecordedEvent toEvent() {
        if (payloadJson == null) {
            throw new IllegalStateException("the notification of event " + eventId + " carries no payload");
        }
        return RecordedEvent.withPayloadJson(stream.aggregation(), stream.streamId(), sequence, eventId, eventType,
                revision, payloadJson, metadata, commitTimestamp);
    }

    private static Fields read(String json) {
        char[] text = json.toCharArray();
        try (JsonParser parser = JSON.createParser(text)) {
            Fields fields = new Fields();
            require(parser.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "event" -> readEvent(parser, json, fields);
                    case "stream" -> readStream(parser, fields);
                    case "Type" -> fields.type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "Message" -> fields.message = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    default -> { }
                }
                parser.skipChildren();
            }
            require(parser.nextToken() == null, "the body holds more than one JSON value");
            return fields;
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("the body is beyond the reader's limits: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new IllegalArgumentException(location == null ? "not valid JSON"
                    : "not valid JSON at character " + location.getCharOffset());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static void readEvent(JsonParser parser, String json, Fields fields) throws IOException {
        require(parser.currentToken() == JsonToken.START_OBJECT, "event must be an object");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "eventId" -> fields.eventId = textOrNull(parser);
                case "eventType" -> fields.eventType = textOrNull(parser);
                case "commitTimestamp" -> fields.commitTimestamp = textOrNull(parser);
                case "sequence" -> fields.sequence = sequence(parser);
                case "revision" -> fields.revision = revision(parser);
                case "metadata" -> fields.metadataJson = value == JsonToken.VALUE_NULL ? null : rawValue(parser, json);
                case "payloadOmitted" -> fields.payloadOmitted = value == JsonToken.VALUE_TRUE;
                case "payload" -> fields.payloadJson = rawValue(parser, json);
                default -> { }
            }
            parser.skipChildren();
        }
    }

    private static void readStream(JsonParser parser, Fields fields) throws IOException {
        require(parser.currentToken() == JsonToken.START_OBJECT, "stream must be an object");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "aggregation" -> fields.aggregation = textOrNull(parser);
                case "id" -> fields.streamId = textOrNull(parser);
                default -> { }
            }
            parser.skipChildren();
        }
    }

    /** The text of the value at the parser, exactly as it stands in {@code json}; leaves the parser at its end. */
    private static String rawValue(JsonParser parser, String json) throws IOException {
        long start = parser.currentTokenLocation().getCharOffset();
        if (parser.currentToken().isStructStart()) {
            parser.skipChildren();
        } else {
            // A string's end is known only once it is read.
            parser.finishToken();
        }
        long end = parser.currentLocation().getCharOffset();
        return json.substring((int) start, (int) end);
    }

    /** The sequence, or 0 (refused later) when it is no whole number that fits a long. */
    private static long sequence(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getTextLength() > MAX_LONG_DIGITS) {
            return 0;
        }
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? 0 : parser.getLongValue();
    }

    /** The revision: 1 when null; 0 (refused later) when it is no whole number or beyond any revision. */
    private static int revision(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return 1;
        }
        boolean fitsAnInt = parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT;
        return fitsAnInt ? parser.getIntValue() : 0;
    }

    private static @Nullable String textOrNull(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** What the body said, field by field, before it is checked. */
    private static final class Fields {
        @Nullable String type;
        @Nullable String message;
        @Nullable String eventId;
        @Nullable String eventType;
        @Nullable String commitTimestamp;
        long sequence;
        int revision = 1;
        @Nullable String metadataJson;
        boolean payloadOmitted;
        @Nullable String payloadJson;
        @Nullable String aggregation;
        @Nullable String streamId;

        ReceivedNotification toNotification() {
            require(sequence >= 1, "event.sequence must be a whole number of at least 1");
            require(revision >= 1 && revision <= Limits.MAX_REVISION,
                    "event.revision must be a whole number from 1 to " + Limits.MAX_REVISION);
            require(payloadOmitted || payloadJson != null, "event.payload is missing and not flagged as omitted");
            String aggregation = required(this.aggregation, "stream.aggregation");
            String streamId = required(this.streamId, "stream.id");
            UUID id;
            try {
                id = UUID.fromString(required(eventId, "event.eventId"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("event.eventId must be a UUID");
            }
            String type = required(eventType, "event.eventType");
            Instant committed;
            try {
                committed = Instant.parse(required(commitTimestamp, "event.commitTimestamp"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("event.commitTimestamp is not an ISO-8601 instant");
            }
            StreamKey stream;
            try {
                stream = new StreamKey(aggregation, streamId);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stream is not a valid stream: " + e.getMessage());
            }
            return new ReceivedNotification(stream, sequence, id, type, revision, committed, metadata(),
                    payloadOmitted ? null : payloadJson);
        }

        /**
         * The metadata, or none when the body has no such field. The reason given for damaged metadata does not
         * repeat EventMetadata's: that may name a header, and a rejection never quotes the body.
         */
        private EventMetadata metadata() {
            if (metadataJson == null) {
                return EventMetadata.none();
            }
            try {
                return EventMetadata.fromJson(metadataJson);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("event.metadata is not event metadata (an object of"
                        + " correlationId, causationId and headers within the limits of EventMetadata)");
            }
        }

        private static String required(@Nullable String value, String field) {
            require(value != null, field + " must be a string");
            return value;
        }
    }
}

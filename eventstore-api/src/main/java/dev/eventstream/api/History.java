package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stream folded into one state, as the seed's {@code loadFromHistory} returned it.
 *
 * @param commitTimestamp when the last event was committed; {@code null} for an empty stream
 * @param sequence the last event's sequence, i.e. the stream's version; 0 for an empty stream
 * @param eventTypes every event's type, oldest first
 * @param payload the top-level fields of every object payload merged, a later event winning a conflict; a
 *     non-object payload replaces whatever was merged before it. An empty object for an empty stream.
 */
public record History(@Nullable Instant commitTimestamp, long sequence, List<String> eventTypes, JsonNode payload) {
    public History {
        Arguments.require(sequence >= 0, "sequence must not be negative, was " + sequence);
        eventTypes = List.copyOf(requireNonNull(eventTypes, "eventTypes is null"));
        requireNonNull(payload, "payload is null");
        Arguments.require((commitTimestamp == null) == (sequence == 0),
                "commitTimestamp is set exactly when the stream has events");
    }

    /** The history of a stream with no events. */
    public static History empty() {
        return new History(null, 0, List.of(), JsonNodeFactory.instance.objectNode());
    }

    public boolean isEmpty() {
        return sequence == 0;
    }

    /** Reads the merged payload into {@code type} with the store's JSON mapping ({@link Json}). */
    public <T> T payloadAs(Class<T> type) {
        requireNonNull(type, "type is null");
        return Json.fromTree(payload, type);
    }
}

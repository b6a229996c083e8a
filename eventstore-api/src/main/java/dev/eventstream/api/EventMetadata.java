package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What an event carries besides its payload: the id of the conversation it belongs to (correlation), the id of the
 * message that caused it (causation), and headers of the user's own. Stored with the event, returned on every read
 * path and carried in notifications.
 *
 * <p>Header names are limited to what an SNS message attribute name may be (letters, digits, {@code - _ .}, no
 * leading, trailing or doubled period, no {@code AWS.} or {@code Amazon.} prefix), so that a notification can carry
 * them as attributes; values are any text without control characters. Headers are kept sorted by name.
 *
 * @param correlationId the conversation the event belongs to; null when none was given
 * @param causationId the id of the event or command that caused this one; null when none was given
 * @param headers the user's headers, name to value; never null, possibly empty
 */
public record EventMetadata(@Nullable String correlationId, @Nullable String causationId,
        Map<String, String> headers) {
    /**
     * The W3C Trace Context headers ({@code traceparent}, {@code tracestate}) a traced store adds to the events it
     * appends, so that their publication and handling join the append's trace. They say where an event was made,
     * not what it is: {@link #sameContentAs} leaves them out.
     */
    public static final Set<String> TRACE_CONTEXT_HEADERS = Set.of("traceparent", "tracestate");

    private static final EventMetadata NONE = new EventMetadata(null, null, Map.of());
    private static final String CORRELATION = "correlationId";
    private static final String CAUSATION = "causationId";
    private static final String HEADERS = "headers";

    public EventMetadata {
        if (correlationId != null) {
            Arguments.requireName(correlationId, "correlationId", Limits.MAX_METADATA_ID_BYTES);
        }
        if (causationId != null) {
            Arguments.requireName(causationId, "causationId", Limits.MAX_METADATA_ID_BYTES);
        }
        headers = checkedHeaders(requireNonNull(headers, "headers is null"));
        long bytes = encodedLength(correlationId, causationId, headers);
        if (bytes > Limits.MAX_METADATA_BYTES) {
            throw new IllegalArgumentException(String.format(
                    "metadata must take at most %d bytes (Limits.MAX_METADATA_BYTES), was %d",
                    Limits.MAX_METADATA_BYTES, bytes));
        }
    }

    /** No correlation, no causation, no headers: what an event appended without metadata carries. */
    public static EventMetadata none() {
        return NONE;
    }

    /**
     * The metadata of an event caused by {@code cause}: causation is the cause's event id, correlation the
     * cause's correlation id, or, when it has none, its event id (the cause started the conversation).
     */
    public static EventMetadata causedBy(RecordedEvent cause) {
        requireNonNull(cause, "cause is null");
        String id = cause.eventId().toString();
        String correlation = cause.metadata().correlationId();
        return new EventMetadata(correlation != null ? correlation : id, id, Map.of());
    }

    /** Metadata with only a correlation id. */
    public static EventMetadata correlatedWith(String correlationId) {
        return new EventMetadata(requireNonNull(correlationId, "correlationId is null"), null, Map.of());
    }

    public EventMetadata withCorrelationId(@Nullable String correlationId) {
        return new EventMetadata(correlationId, causationId, headers);
    }

    public EventMetadata withCausationId(@Nullable String causationId) {
        return new EventMetadata(correlationId, causationId, headers);
    }

    /** This metadata with header {@code name} set to {@code value}, replacing an earlier value. */
    public EventMetadata withHeader(String name, String value) {
        Map<String, String> more = new TreeMap<>(headers);
        more.put(requireNonNull(name, "header name is null"), requireNonNull(value, "value of header " + name
                + " is null"));
        return new EventMetadata(correlationId, causationId, more);
    }

    /**
     * Whether this and {@code other} say the same but for their trace context headers ({@link #TRACE_CONTEXT_HEADERS}):
     * what an idempotent retry compares, since a retry of the same append may well run in another trace.
     */
    public boolean sameContentAs(EventMetadata other) {
        requireNonNull(other, "other is null");
        if (equals(other)) {
            return true;
        }
        return Objects.equals(correlationId, other.correlationId) && Objects.equals(causationId, other.causationId)
                && withoutTraceContext(headers).equals(withoutTraceContext(other.headers));
    }

    private static Map<String, String> withoutTraceContext(Map<String, String> headers) {
        Map<String, String> rest = new TreeMap<>(headers);
        rest.keySet().removeAll(TRACE_CONTEXT_HEADERS);
        return rest;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public boolean isEmpty() {
        return correlationId == null && causationId == null && headers.isEmpty();
    }

    /**
     * The compact JSON form storage and notifications hold, e.g.
     * {@code {"correlationId":"c-1","causationId":"e-7","headers":{"tenant":"acme"}}}; fields without a value are
     * left out, so {@link #none()} is {@code {}}.
     */
    public String toJson() {
        return Json.write(toTree());
    }

    /** The JSON form as a tree, as {@link #toJson()} writes it. */
    public ObjectNode toTree() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (correlationId != null) {
            json.put(CORRELATION, correlationId);
        }
        if (causationId != null) {
            json.put(CAUSATION, causationId);
        }
        if (!headers.isEmpty()) {
            ObjectNode names = json.putObject(HEADERS);
            headers.forEach(names::put);
        }
        return json;
    }

    /**
     * Reads the form {@link #toJson()} writes; unknown fields are ignored, so a later version may add some.
     *
     * @throws IllegalArgumentException when the text is not that form, or breaks a limit; the message names the
     *     field, never its value
     */
    public static EventMetadata fromJson(String json) {
        return fromTree(Json.parse(requireNonNull(json, "json is null")));
    }

    /** Reads the tree {@link #toTree()} makes; see {@link #fromJson}. */
    public static EventMetadata fromTree(JsonNode json) {
        requireNonNull(json, "json is null");
        Arguments.require(json.isObject(), "metadata must be a JSON object, was " + json.getNodeType());
        if (json.isEmpty()) {
            return NONE;
        }
        Map<String, String> headers = new TreeMap<>();
        JsonNode names = json.get(HEADERS);
        if (names != null && !names.isNull()) {
            Arguments.require(names.isObject(), "metadata headers must be a JSON object, was " + names.getNodeType());
            for (Iterator<Map.Entry<String, JsonNode>> it = names.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                Arguments.require(header.getValue().isTextual(),
                        "metadata header " + header.getKey() + " must be a string");
                headers.put(header.getKey(), header.getValue().textValue());
            }
        }
        return new EventMetadata(text(json, CORRELATION), text(json, CAUSATION), headers);
    }

    private static @Nullable String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Arguments.require(value.isTextual(), "metadata " + field + " must be a string");
        return value.textValue();
    }

    private static Map<String, String> checkedHeaders(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return Map.of();
        }
        if (headers.size() > Limits.MAX_METADATA_HEADERS) {
            throw new IllegalArgumentException(String.format(
                    "metadata may carry at most %d headers (Limits.MAX_METADATA_HEADERS), was %d",
                    Limits.MAX_METADATA_HEADERS, headers.size()));
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = requireHeaderName(header.getKey());
            String value = header.getValue();
            if (value == null) {
                throw new NullPointerException("value of header " + name + " is null");
            }
            if (!value.isEmpty()) {
                Arguments.requireName(value, "value of header " + name, Limits.MAX_METADATA_BYTES);
            }
            sorted.put(name, value);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    // The messages are built only on failure: every header of every event appended or read passes here.
    private static String requireHeaderName(@Nullable String name) {
        if (name == null) {
            throw new NullPointerException("a header name is null");
        }
        if (name.isEmpty() || name.length() > Limits.MAX_HEADER_NAME_CHARS) {
            throw new IllegalArgumentException(String.format("header name %s must be 1 to %d characters",
                    quoted(name), Limits.MAX_HEADER_NAME_CHARS));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.';
            if (!allowed) {
                throw new IllegalArgumentException(String.format("header name %s may hold only letters, digits,"
                        + " '-', '_' and '.', found U+%04X at index %d", quoted(name), (int) c, i));
            }
        }
        if (name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException(
                    "header name " + quoted(name) + " must not start or end with '.' or hold '..'");
        }
        if (name.regionMatches(true, 0, "aws.", 0, 4) || name.regionMatches(true, 0, "amazon.", 0, 7)) {
            throw new IllegalArgumentException(
                    "header name " + quoted(name) + " must not start with AWS. or Amazon., which SNS reserves");
        }
        return name;
    }

    /** A header name in a message: the name is the user's key, not event data, but it may be long or odd. */
    private static String quoted(String name) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        StringBuilder out = new StringBuilder("\"");
        shown.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? '?' : (char) c));
        return out.append('"').toString();
    }

    /** The bytes {@link Limits#MAX_METADATA_BYTES} counts: every id, header name and value, in UTF-8. */
    private static long encodedLength(@Nullable String correlationId, @Nullable String causationId,
            Map<String, String> headers) {
        long bytes = (correlationId == null ? 0 : utf8(correlationId)) + (causationId == null ? 0 : utf8(causationId));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            bytes += header.getKey().length() + utf8(header.getValue());
        }
        return bytes;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How typed events become JSON text and back. The default is the store's own mapping ({@link Json}), safe for
 * money: decimals keep their scale on every read path. {@link #jackson(ObjectMapper)} uses an application's own
 * mapper (its modules, naming strategy, mix-ins) for the event classes.
 *
 * <p>Whatever the mapper, text is written through the store's checks, so an event it accepts is one it reads back:
 * nesting depth, number length and non-finite numbers are checked while writing, in the one pass that serializes.
 */
public interface EventSerializer {

    /**
     * Writes {@code payload} as compact JSON text.
     *
     * @throws IllegalArgumentException naming {@code payload} when it cannot be written or read back
     */
    String serialize(Object payload);

    /** Reads stored JSON text into {@code type}; fails with an {@link IllegalArgumentException} saying why. */
    <T> T deserialize(String json, Class<T> type);

    /** Reads a JSON tree (an upcast payload) into {@code type}; fails as {@link #deserialize(String, Class)} does. */
    <T> T deserialize(JsonNode tree, Class<T> type);

    /** The store's own mapping, as untyped appends and {@link RecordedEvent#payloadAs(Class)} use it. */
    static EventSerializer defaults() {
        return JacksonEventSerializer.DEFAULTS;
    }

    /**
     * Serializes with {@code mapper}. It is used as given: to read decimals into {@code Object} or {@code Map}
     * fields exactly, enable {@code DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS} on it (fields typed
     * {@code BigDecimal} are exact either way).
     */
    static EventSerializer jackson(ObjectMapper mapper) {
        return new JacksonEventSerializer(requireNonNull(mapper, "mapper is null"));
    }
}

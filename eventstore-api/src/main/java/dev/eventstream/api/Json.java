package dev.eventstream.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping the store uses for payloads: Java time types as ISO-8601 strings, unknown properties
 * ignored when reading a payload back into a class (so old code reads newer events).
 *
 * <p>Only immutable readers and writers leave this class, so nobody can reconfigure the shared mapper.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);
    private static final ObjectWriter WRITER = MAPPER.writer();

    private Json() {}

    /**
     * Turns any Jackson-serializable value into a JSON tree.
     *
     * @throws IllegalArgumentException naming {@code argument} when Jackson cannot serialize the value
     */
    public static JsonNode toTree(Object value, String argument) {
        if (value == null) {
            throw new NullPointerException(argument + " is null");
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    argument + " cannot be serialized to JSON: " + rootMessage(e), e);
        }
    }

    /** Reads a JSON tree into {@code type}; fails with an {@link IllegalArgumentException} saying why. */
    public static <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw cannotRead(type, e);
        }
    }

    /** Reads JSON text straight into {@code type}; fails with an {@link IllegalArgumentException} saying why. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw cannotRead(type, e);
        }
    }

    /** Parses JSON text, e.g. a payload read back from storage. */
    public static JsonNode parse(String json) {
        try {
            return TREE_READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Whether two JSON texts hold the same value: the same text does, and other text may too (object keys in
     * another order, other spacing), which parsing then decides.
     */
    public static boolean sameValue(String json, String other) {
        return json.equals(other) || parse(json).equals(parse(other));
    }

    /** Writes a tree as compact JSON text. */
    public static String write(JsonNode tree) {
        try {
            return WRITER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            // A tree of plain JSON nodes always serializes; only a POJO node holding an odd object can fail.
            throw new IllegalArgumentException("payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static IllegalArgumentException cannotRead(Class<?> type, Exception e) {
        return new IllegalArgumentException("payload cannot be read as " + type.getName() + ": " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

package dev.eventstream.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one JSON mapping the store uses for payloads: Java time types as ISO-8601 strings, unknown properties
 * ignored when reading a payload back into a class (so old code reads newer events), and numbers kept exactly.
 *
 * <p><b>Numbers round-trip exactly.</b> A decimal is read as a {@link java.math.BigDecimal} with its scale, so
 * {@code 100.00} comes back as {@code 100.00} (not {@code 100.0} or {@code 1E+2}) on every read path, and
 * {@code 1e400} stays {@code 1E+400} instead of becoming infinite. Values JSON cannot hold (NaN, infinities) are
 * rejected rather than written as strings.
 *
 * <p><b>Writing and reading agree.</b> {@link #toJson} rejects what {@link #parse} could not read back: nesting
 * deeper than {@link Limits#MAX_PAYLOAD_DEPTH}, numbers longer than {@link Limits#MAX_PAYLOAD_NUMBER_CHARS}, and
 * values with nothing to serialize. So a payload the store accepts is one it can read, publish and deliver.
 *
 * <p>Only immutable readers and writers leave this class, so nobody can reconfigure the shared mapper.
 */
public final class Json {
    /** Levels a document the store writes around payloads (a snapshot, a notification) may add to them. */
    private static final int WRAPPING_LEVELS = 8;

    private static final ObjectMapper MAPPER = mapper(Limits.MAX_PAYLOAD_DEPTH, false);
    /**
     * {@link #MAPPER}'s configuration with every generator wrapped in a {@link CheckedJsonGenerator}, for
     * {@link #toJson}: its {@code writeValueAsString} then writes through the check with Jackson's pooled buffers.
     * A mapper of its own, so that {@link #write} and everything else keep the plain generator.
     */
    private static final ObjectMapper CHECKING_MAPPER = mapper(Limits.MAX_PAYLOAD_DEPTH, true);
    private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);
    private static final ObjectReader WRAPPED_TREE_READER =
            mapper(Limits.MAX_PAYLOAD_DEPTH + WRAPPING_LEVELS, false).readerFor(JsonNode.class);
    private static final ObjectWriter WRITER = MAPPER.writer();

    private Json() {}

    private static ObjectMapper mapper(int maxDepth, boolean checking) {
        JsonFactoryBuilder builder = new JsonFactoryBuilder();
        if (checking) {
            builder.addDecorator((factory, generator) -> new CheckedJsonGenerator(generator));
        }
        JsonFactory factory = builder
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxNumberLength(Limits.MAX_PAYLOAD_NUMBER_CHARS)
                        // A name is bounded by the event's size; the reader must not be stricter than the writer.
                        .maxNameLength(Limits.MAX_EVENT_BYTES)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /**
     * Writes any Jackson-serializable value, or a JSON tree, as compact JSON text that {@link #parse} reads back.
     *
     * @throws NullPointerException naming {@code argument} when the value is null
     * @throws IllegalArgumentException naming {@code argument} when the value cannot be written, or holds what the
     *     store could not read back (see the class comment), saying which limit
     */
    public static String toJson(Object value, String argument) {
        if (value == null) {
            throw new NullPointerException(argument + " is null");
        }
        try {
            // One pass through the checking generator: written and checked at once, never parsed.
            return CHECKING_MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw cannotWrite(argument, e);
        }
    }

    /**
     * Writes {@code value} with {@code mapper} (a user's own, with its modules and naming), checked as
     * {@link #toJson(Object, String)} checks: what comes out is text the store reads back.
     */
    static String toJson(ObjectMapper mapper, Object value, String argument) {
        if (value == null) {
            throw new NullPointerException(argument + " is null");
        }
        StringWriter out = new StringWriter(128);
        try (JsonGenerator generator = new CheckedJsonGenerator(mapper.createGenerator(out))) {
            mapper.writeValue(generator, value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw cannotWrite(argument, e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return out.toString();
    }

    /**
     * Turns any Jackson-serializable value into a JSON tree, the same tree reading its JSON text back gives.
     *
     * @throws IllegalArgumentException naming {@code argument} as {@link #toJson} does
     */
    public static JsonNode toTree(Object value, String argument) {
        return parse(toJson(value, argument));
    }

    /** Reads a JSON tree into {@code type}; fails with an {@link IllegalArgumentException} saying why. */
    public static <T> T fromTree(JsonNode tree, Class<T> type) {
        return fromTree(MAPPER, tree, type);
    }

    static <T> T fromTree(ObjectMapper mapper, JsonNode tree, Class<T> type) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw cannotRead(type, e);
        }
    }

    /** Reads JSON text straight into {@code type}; fails with an {@link IllegalArgumentException} saying why. */
    public static <T> T read(String json, Class<T> type) {
        return read(MAPPER, json, type);
    }

    static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw cannotRead(type, e);
        }
    }

    /** Parses JSON text, e.g. a payload read back from storage. */
    public static JsonNode parse(String json) {
        return parse(TREE_READER, json);
    }

    /**
     * Parses a document the store wrote around payloads, such as a snapshot holding a folded payload: it may nest a
     * few levels deeper than a payload may.
     */
    public static JsonNode parseWrapping(String json) {
        return parse(WRAPPED_TREE_READER, json);
    }

    private static JsonNode parse(ObjectReader reader, String json) {
        try {
            return reader.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON" + where(e), e);
        }
    }

    /**
     * Where a read failed, and how, without Jackson's message: it quotes the text it stumbled on, which is event
     * data and must stay out of logs and exception messages.
     */
    private static String where(JsonProcessingException e) {
        String kind = e.getClass().getSimpleName();
        JsonLocation location = e.getLocation();
        String at = location == null || location.getCharOffset() < 0 ? ""
                : " at character " + location.getCharOffset();
        String path = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " in " + mapping.getPathReference() : "";
        return at + path + " (" + kind + ")";
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

    private static IllegalArgumentException cannotWrite(String argument, Exception e) {
        Throwable root = root(e);
        String reason;
        if (root instanceof CheckedJsonGenerator.Rejected rejected) {
            reason = rejected.getOriginalMessage();
        } else if (root instanceof StreamConstraintsException) {
            reason = String.format("it nests arrays and objects deeper than %d levels, the most the store reads back"
                    + " (Limits.MAX_PAYLOAD_DEPTH)", Limits.MAX_PAYLOAD_DEPTH);
        } else {
            reason = "it cannot be serialized to JSON: " + message(root);
        }
        return new IllegalArgumentException(argument + " is rejected: " + reason, e);
    }

    private static IllegalArgumentException cannotRead(Class<?> type, Exception e) {
        String reason = e instanceof JsonProcessingException json ? where(json)
                : " (" + root(e).getClass().getSimpleName() + ")";
        return new IllegalArgumentException("payload cannot be read as " + type.getName() + reason, e);
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The message without Jackson's reference chain, which for a deep value runs to thousands of characters. */
    private static String message(Throwable e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}

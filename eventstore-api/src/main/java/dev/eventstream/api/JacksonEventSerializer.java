package dev.eventstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/** {@link EventSerializer} over a Jackson mapper; the store's own when made without one. */
final class JacksonEventSerializer implements EventSerializer {
    static final JacksonEventSerializer DEFAULTS = new JacksonEventSerializer(null);

    /** Null for the store's own mapping, whose checked writer and exact reader live in {@link Json}. */
    private final @Nullable ObjectMapper mapper;

    JacksonEventSerializer(@Nullable ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String serialize(Object payload) {
        return mapper == null ? Json.toJson(payload, "payload") : Json.toJson(mapper, payload, "payload");
    }

    @Override
    public <T> T deserialize(String json, Class<T> type) {
        return mapper == null ? Json.read(json, type) : Json.read(mapper, json, type);
    }

    @Override
    public <T> T deserialize(JsonNode tree, Class<T> type) {
        return mapper == null ? Json.fromTree(tree, type) : Json.fromTree(mapper, tree, type);
    }

    @Override
    public String toString() {
        return mapper == null ? "EventSerializer.defaults()" : "EventSerializer.jackson(" + mapper + ")";
    }
}

package dev.eventstream.adapter.dynamodb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventstream.api.StreamKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The compact text forms a chunk of the feed table stores: its entries as a JSON array of
 * {@code [streamKey, sequence, eventId, eventType, commitMillis]} arrays (no attribute names repeated per entry,
 * which DynamoDB would count in every chunk's size and cost), and its shard checkpoints as a JSON object of shard id
 * to sequence number. Stream keys are {@link StreamKey#asString()}, read back by {@link #parseStreamKey}.
 */
final class FeedCodec {
    /** Streaming, not a tree: a chunk of 100 entries is encoded on every indexer write and decoded on every read. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private FeedCodec() {}

    static String encodeEntries(List<FeedPointer> entries) {
        StringWriter text = new StringWriter(entries.size() * 96);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            for (FeedPointer entry : entries) {
                json.writeStartArray();
                json.writeString(entry.stream().asString());
                json.writeNumber(entry.sequence());
                json.writeString(entry.eventId().toString());
                json.writeString(entry.eventType());
                json.writeNumber(entry.commitMillis());
                json.writeEndArray();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode feed entries", e);
        }
        return text.toString();
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not what {@link #encodeEntries} writes
     */
    static List<FeedPointer> decodeEntries(String text) {
        try (JsonParser json = JSON.createParser(text)) {
            expect(json.nextToken(), JsonToken.START_ARRAY, "the entries");
            List<FeedPointer> entries = new ArrayList<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                expect(token, JsonToken.START_ARRAY, "entry " + entries.size());
                String where = "entry " + entries.size();
                StreamKey stream = parseStreamKey(string(json, where + " stream"));
                long sequence = number(json, where + " sequence");
                UUID eventId = uuid(string(json, where + " event id"), where);
                String eventType = string(json, where + " event type");
                long commitMillis = number(json, where + " commit time");
                expect(json.nextToken(), JsonToken.END_ARRAY, "the end of " + where);
                entries.add(new FeedPointer(stream, sequence, eventId, eventType, commitMillis));
            }
            expect(json.nextToken(), null, "the end of the entries");
            return entries;
        } catch (IOException e) {
            throw new IllegalArgumentException("feed entries are not valid JSON: " + e.getMessage(), e);
        }
    }

    static String encodeCheckpoints(ShardCheckpoints checkpoints) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, String> shard : checkpoints.lastSequenceNumbers().entrySet()) {
                json.writeStringField(shard.getKey(), shard.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode shard checkpoints", e);
        }
        return text.toString();
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not what {@link #encodeCheckpoints} writes
     */
    static ShardCheckpoints decodeCheckpoints(String text) {
        try (JsonParser json = JSON.createParser(text)) {
            expect(json.nextToken(), JsonToken.START_OBJECT, "the shard checkpoints");
            Map<String, String> shards = new LinkedHashMap<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
                expect(token, JsonToken.FIELD_NAME, "a shard id");
                String shard = json.currentName();
                shards.put(shard, string(json, "the checkpoint of shard " + shard));
            }
            expect(json.nextToken(), null, "the end of the shard checkpoints");
            return new ShardCheckpoints(shards);
        } catch (IOException e) {
            throw new IllegalArgumentException("shard checkpoints are not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The stream {@link StreamKey#asString()} made {@code text}: the aggregation's length in characters, a colon,
     * the aggregation, then the stream id.
     *
     * @throws IllegalArgumentException when {@code text} is not of that form, saying how
     */
    static StreamKey parseStreamKey(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon > 10) {
            throw new IllegalArgumentException("stream key '" + text + "' does not start with the aggregation's"
                    + " length and a colon");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stream key '" + text + "' does not start with the aggregation's"
                    + " length and a colon", e);
        }
        int aggregationEnd = colon + 1 + length;
        if (length < 1 || aggregationEnd >= text.length()) {
            throw new IllegalArgumentException("stream key '" + text + "' gives the aggregation " + length
                    + " characters, leaving no stream id");
        }
        return new StreamKey(text.substring(colon + 1, aggregationEnd), text.substring(aggregationEnd));
    }

    private static String string(JsonParser json, String what) throws IOException {
        expect(json.nextToken(), JsonToken.VALUE_STRING, what);
        return json.getText();
    }

    private static long number(JsonParser json, String what) throws IOException {
        expect(json.nextToken(), JsonToken.VALUE_NUMBER_INT, what);
        return json.getLongValue();
    }

    private static UUID uuid(String text, String where) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " has event id '" + text + "', which is no UUID", e);
        }
    }

    private static void expect(@Nullable JsonToken token, @Nullable JsonToken expected, String what) {
        if (token != expected) {
            throw new IllegalArgumentException("expected " + (expected == null ? "nothing" : expected) + " for "
                    + what + ", found " + (token == null ? "the end" : token));
        }
    }
}

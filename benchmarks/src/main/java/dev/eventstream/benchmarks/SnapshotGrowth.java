package dev.eventstream.benchmarks;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.SnapshotPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a stream's snapshot grows with the stream, and what {@code loadFromHistory()} then costs: the snapshot keeps
 * every event's type, so it grows with the stream until DynamoDB's 400 KB item limit stops it being stored.
 */
final class SnapshotGrowth {

    /**
     * One stream after a first load with the default policy.
     *
     * @param snapshotBytes the snapshot item's size by DynamoDB's rules, 0 when none is stored
     * @param requests by operation, of a load after the first
     */
    record Row(long events, long snapshotBytes, Map<String, Long> requests) {}

    private SnapshotGrowth() {}

    /** Loads {@code stream}, which holds {@code events} events, twice through a store that keeps snapshots. */
    static Row measure(DynaliteEngine engine, StreamKey stream, long events) {
        EventStream history = engine.store(SnapshotPolicy.DEFAULT).getEventStream(stream);
        history.loadFromHistory();
        Map<String, Long> requests = engine.requestsOf(history::loadFromHistory);
        Map<String, AttributeValue> snapshot = engine.client.getItem(r -> r.tableName(EventItems.TABLE)
                .key(EventItems.key(stream, 0)).consistentRead(true)).item();
        return new Row(events, snapshot.isEmpty() ? 0 : size(snapshot), requests);
    }

    /** An item's size as DynamoDB counts it for the 400 KB limit and for capacity units. */
    private static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            AttributeValue value = attribute.getValue();
            bytes += utf8(attribute.getKey()) + switch (value.type()) {
                case S -> utf8(value.s());
                case N -> (value.n().replaceAll("[^0-9]", "").replaceFirst("^0+", "").length() + 1) / 2 + 1;
                case B -> value.b().asByteArrayUnsafe().length;
                default -> throw new IllegalStateException("a snapshot holds no " + value.type() + " attribute");
            };
        }
        return bytes;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

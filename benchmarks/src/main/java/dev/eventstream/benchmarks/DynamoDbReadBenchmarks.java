package dev.eventstream.benchmarks;

import static dev.eventstream.benchmarks.EventItems.TABLE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.SnapshotPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reading a whole stream on DynamoDB, paired: the library's {@code getEvents()} and the raw SDK's paginated, strongly
 * consistent Query returning the same items.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DynamoDbReadBenchmarks {
    /** A default Jackson mapper, what an application reading items itself would parse payloads with. */
    private static final ObjectMapper PLAIN_JACKSON = new ObjectMapper();

    /** Events in the stream read; a JMH parameter, so a run can choose another length. */
    static final String EVENTS = "1000";

    /** A stream of {@link #events} events, shared by every thread. */
    @State(Scope.Benchmark)
    public static class StoredStream {
        @Param(EVENTS)
        public int events;

        StreamKey stream;
        EventStream library;

        @Setup(Level.Trial)
        public void seed(DynaliteEngine engine) {
            stream = Workload.newStream("read");
            engine.seed(stream, events);
            library = engine.store(SnapshotPolicy.NEVER).getEventStream(stream);
        }
    }

    @Benchmark
    public void getEvents(DynaliteEngine engine, StoredStream stored, Paired paired, Blackhole blackhole) {
        paired.run(blackhole, () -> libraryGetEvents(stored), () -> rawQuery(engine, stored.stream));
    }

    /**
     * The same read, with every payload then asked for as a JSON tree: the library parses a payload when it is first
     * asked for, the raw side parses each item's {@code data} with a plain Jackson mapper. This is what reading events
     * costs an application that looks at every payload, where the plain comparison leaves parsing out of both sides.
     */
    @Benchmark
    public void getEventsWithPayloads(DynaliteEngine engine, StoredStream stored, Paired paired,
            Blackhole blackhole) {
        paired.run(blackhole, () -> libraryPayloads(stored), () -> rawPayloads(engine, stored.stream));
    }

    List<RecordedEvent> libraryGetEvents(StoredStream stored) {
        return stored.library.getEvents();
    }

    List<JsonNode> libraryPayloads(StoredStream stored) {
        List<RecordedEvent> events = stored.library.getEvents();
        List<JsonNode> payloads = new ArrayList<>(events.size());
        for (RecordedEvent event : events) {
            payloads.add(event.payload());
        }
        return payloads;
    }

    static List<JsonNode> rawPayloads(DynaliteEngine engine, StreamKey stream) {
        List<Map<String, AttributeValue>> items = rawQuery(engine, stream);
        List<JsonNode> payloads = new ArrayList<>(items.size());
        try {
            for (Map<String, AttributeValue> item : items) {
                payloads.add(PLAIN_JACKSON.readTree(item.get(EventItems.DATA).s()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a seeded payload is not JSON", e);
        }
        return payloads;
    }

    /** Every item of the stream's events, oldest first, one Query per 1 MB page. */
    static List<Map<String, AttributeValue>> rawQuery(DynaliteEngine engine, StreamKey stream) {
        Map<String, AttributeValue> values = Map.of(":pk", EventItems.s(stream.asString()), ":first", EventItems.n(1));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            @Nullable Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = engine.client.query(r -> r
                    .tableName(TABLE)
                    .keyConditionExpression("#pk = :pk AND #seq >= :first")
                    .expressionAttributeNames(Map.of("#pk", EventItems.PK, "#seq", EventItems.SEQ))
                    .expressionAttributeValues(values)
                    .consistentRead(true)
                    .exclusiveStartKey(exclusiveStart));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}

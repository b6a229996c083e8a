package dev.eventstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.History;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.SnapshotPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB benchmark bodies against dynalite (started from {@code benchmarks/node_modules}; {@code npm ci
 * --prefix benchmarks} installs it): each writes and reads what it claims, with the requests the benchmark reports.
 * A smoke pass, no timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbBenchmarksIT {
    private final DynaliteEngine engine = new DynaliteEngine();
    private final Requests requests = new Requests();

    @BeforeAll
    void startEngine() {
        engine.start();
    }

    @AfterAll
    void stopEngine() {
        engine.stop();
    }

    @Test
    void libraryAddEventCostsOnePutItemOnceItKnowsTheStreamsVersion() {
        // given
        DynamoDbAppendBenchmarks benchmarks = new DynamoDbAppendBenchmarks();
        DynamoDbAppendBenchmarks.Writer writer = writer();
        // The first append reads the version of a stream this process has not seen yet.
        benchmarks.libraryAddEvent(writer, requests);

        // when
        Map<String, Long> sent = requestsOf(() -> {
            for (int i = 0; i < 5; i++) {
                benchmarks.libraryAddEvent(writer, requests);
            }
            return null;
        });

        // then
        assertThat(sent).isEqualTo(Map.of("PutItem", 5L));
        assertThat(writer.libraryStream.getEvents()).extracting(RecordedEvent::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void rawPutItemWritesTheItemTheLibraryWritesInOnePutItem() {
        // given
        DynamoDbAppendBenchmarks benchmarks = new DynamoDbAppendBenchmarks();
        DynamoDbAppendBenchmarks.Writer library = writer();
        DynamoDbAppendBenchmarks.Writer raw = writer();
        benchmarks.libraryAddEvent(library, requests);

        // when
        Map<String, Long> sent = requestsOf(() -> benchmarks.rawPutItem(engine, raw, requests));

        // then
        assertThat(sent).isEqualTo(Map.of("PutItem", 1L));
        Map<String, AttributeValue> libraryItem = item(library.stream, 2);
        Map<String, AttributeValue> rawItem = item(raw.stream, 2);
        assertThat(typesOf(rawItem)).isEqualTo(typesOf(libraryItem));
        assertThat(rawItem.get("data")).isEqualTo(libraryItem.get("data"));
        assertThat(rawItem.get("type")).isEqualTo(libraryItem.get("type"));
        // And the library reads what the raw side and the seeding wrote.
        List<RecordedEvent> read = engine.store(SnapshotPolicy.NEVER)
                .getEventStream(raw.stream).getEvents();
        assertThat(read).extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
        assertThat(read.get(1).payload()).isEqualTo(library.libraryStream.getEvents().get(1).payload());
    }

    @Test
    void libraryGetEventsAndRawQueryReadTheSameEventsInOneQuery() {
        // given
        DynamoDbReadBenchmarks benchmarks = new DynamoDbReadBenchmarks();
        DynamoDbReadBenchmarks.StoredStream stored = new DynamoDbReadBenchmarks.StoredStream();
        stored.events = Integer.parseInt(DynamoDbReadBenchmarks.EVENTS);
        stored.seed(engine);

        // when
        List<RecordedEvent> library = new ArrayList<>();
        Map<String, Long> librarySent = requestsOf(() -> library.addAll(benchmarks.libraryGetEvents(stored, requests)));
        List<Map<String, AttributeValue>> raw = new ArrayList<>();
        Map<String, Long> rawSent = requestsOf(() -> raw.addAll(benchmarks.rawQuery(engine, stored, requests)));

        // then
        assertThat(librarySent).isEqualTo(Map.of("Query", 1L));
        assertThat(rawSent).isEqualTo(Map.of("Query", 1L));
        assertThat(library).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.events).boxed().toList());
        assertThat(library).extracting(event -> event.eventId().toString())
                .containsExactlyElementsOf(raw.stream().map(item -> item.get("id").s()).toList());
    }

    @Test
    void loadFromHistoryWithASnapshotTakesTwoRequestsAndEqualsTheWholeFold() {
        // given
        DynamoDbHistoryBenchmarks benchmarks = new DynamoDbHistoryBenchmarks();
        DynamoDbHistoryBenchmarks.LongStream stream = new DynamoDbHistoryBenchmarks.LongStream();
        stream.events = Integer.parseInt(DynamoDbHistoryBenchmarks.EVENTS);
        stream.seed(engine);
        int pages = pagesOf(stream.stream);

        // when
        History[] histories = new History[2];
        Map<String, Long> withSnapshot = requestsOf(() -> histories[0] = benchmarks.loadWithSnapshots(stream, requests));
        Map<String, Long> without = requestsOf(() -> histories[1] = benchmarks.loadWithoutSnapshots(stream, requests));

        // then
        assertThat(withSnapshot).isEqualTo(Map.of("GetItem", 1L, "Query", 1L));
        assertThat(pages).isGreaterThan(1);
        assertThat(without).isEqualTo(Map.of("Query", (long) pages));
        assertThat(histories[0]).isEqualTo(histories[1]);
        assertThat(histories[0].sequence()).isEqualTo(stream.events);
        assertThat(histories[0].payload().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("item", "quantity", "price", "customer", "address", "amount", "currency",
                        "method", "carrier", "tracking");
    }

    @Test
    void heapProbeReadsTheWholeStreamBothWaysInAFreshJvm() {
        // given
        StreamKey stream = Workload.newStream("heap");
        int events = 2_000;
        engine.seed(stream, events);

        // when
        List<HeapMeasurement.Reading> readings = List.of(
                HeapMeasurement.read(engine.endpoint(), stream, "lazy"),
                HeapMeasurement.read(engine.endpoint(), stream, "list"));

        // then
        assertThat(readings).extracting(HeapMeasurement.Reading::variant).containsExactly("lazy", "list");
        assertThat(readings).allSatisfy(reading -> {
            assertThat(reading.events()).isEqualTo(events);
            assertThat(reading.sequenceSum()).isEqualTo((long) events * (events + 1) / 2);
            assertThat(reading.requests()).isEqualTo(1);
            assertThat(reading.peakBytes()).isGreaterThanOrEqualTo(reading.baselineBytes());
        });
    }

    private DynamoDbAppendBenchmarks.Writer writer() {
        DynamoDbAppendBenchmarks.Writer writer = new DynamoDbAppendBenchmarks.Writer();
        writer.open(engine);
        return writer;
    }

    /** The requests the engine's client sent while {@code action} ran, by operation. */
    private Map<String, Long> requestsOf(Supplier<?> action) {
        Map<String, Long> before = engine.requests.snapshot();
        action.get();
        Map<String, Long> sent = new HashMap<>(engine.requests.snapshot());
        before.forEach((operation, count) -> sent.merge(operation, -count, Long::sum));
        sent.values().removeIf(count -> count == 0);
        return sent;
    }

    private Map<String, AttributeValue> item(StreamKey stream, long sequence) {
        return engine.client.getItem(r -> r.tableName(EventItems.TABLE).key(EventItems.key(stream, sequence))
                .consistentRead(true)).item();
    }

    private static Map<String, AttributeValue.Type> typesOf(Map<String, AttributeValue> item) {
        return item.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().type()));
    }

    /** How many 1 MB pages the raw Query needs for the stream. */
    private int pagesOf(StreamKey stream) {
        Map<String, Long> sent = requestsOf(() -> DynamoDbReadBenchmarks.rawQuery(engine, stream));
        return Math.toIntExact(sent.get("Query"));
    }
}

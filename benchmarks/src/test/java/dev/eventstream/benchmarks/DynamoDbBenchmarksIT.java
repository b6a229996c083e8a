package dev.eventstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventstream.api.History;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.SnapshotPolicy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB benchmark bodies against dynalite (started from {@code benchmarks/node_modules}; {@code npm ci
 * --prefix benchmarks} installs it): each side writes and reads what it claims, with the requests the benchmark
 * reports. A smoke pass, no timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbBenchmarksIT {
    private final DynaliteEngine engine = new DynaliteEngine();
    private final Blackhole blackhole = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    private final Paired paired = new Paired();
    private final DynamoDbAppendBenchmarks.Clients clients = new DynamoDbAppendBenchmarks.Clients();

    @BeforeAll
    void startEngine() {
        engine.start();
        clients.open(engine);
    }

    @AfterAll
    void stopEngine() {
        clients.close();
        engine.stop();
    }

    @BeforeEach
    void newIteration() {
        paired.reset();
    }

    @Test
    void addEventCostsOnePutItemOnEachSideOnItsOwnClientOnceTheLibraryKnowsTheStreamsVersion() {
        // given
        DynamoDbAppendBenchmarks benchmarks = new DynamoDbAppendBenchmarks();
        DynamoDbAppendBenchmarks.Writer writer = writer();
        // The library's first append reads the version of a stream this process has not seen yet.
        benchmarks.addEvent(clients, writer, paired, blackhole);
        paired.reset();
        Map<String, Long> libraryBefore = clients.sides.libraryRequests.snapshot();
        Map<String, Long> rawBefore = clients.sides.rawRequests.snapshot();

        // when
        Map<String, Long> sharedClient = engine.requestsOf(() -> {
            for (int i = 0; i < 4; i++) {
                benchmarks.addEvent(clients, writer, paired, blackhole);
            }
        });

        // then
        assertThat(sharedClient).isEmpty();
        assertThat(sentSince(libraryBefore, clients.sides.libraryRequests)).isEqualTo(Map.of("PutItem", 4L));
        assertThat(sentSince(rawBefore, clients.sides.rawRequests)).isEqualTo(Map.of("PutItem", 4L));
        assertThat(List.of(paired.libraryOperations, paired.libraryRequests, paired.rawOperations, paired.rawRequests))
                .containsOnly(4L);
        assertThat(List.of(paired.libraryNanos, paired.libraryCpuNanos, paired.rawNanos, paired.rawCpuNanos))
                .allSatisfy(nanos -> assertThat(nanos).isPositive());
        assertThat(sequences(writer.library.getEvents())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(sequences(read(writer.raw))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void theRawSideWritesAnItemWithTheLibrarysAttributesAndTheSamePayload() {
        // given
        DynamoDbAppendBenchmarks benchmarks = new DynamoDbAppendBenchmarks();
        DynamoDbAppendBenchmarks.Writer writer = writer();

        // when
        RecordedEvent appended = benchmarks.libraryAddEvent(writer);
        benchmarks.rawPutItem(clients, writer);

        // then
        Map<String, AttributeValue> libraryItem = item(writer.library.key(), 2);
        Map<String, AttributeValue> rawItem = item(writer.raw, 2);
        assertThat(typesOf(rawItem)).isEqualTo(typesOf(libraryItem));
        assertThat(rawItem.get("data")).isEqualTo(libraryItem.get("data"));
        assertThat(rawItem.get("data").s()).hasSize(Workload.ORDER_JSON_BYTES);
        assertThat(rawItem.get("type")).isEqualTo(libraryItem.get("type"));
        // The library reads what the raw side and the seeding wrote as it reads its own events.
        List<RecordedEvent> rawEvents = read(writer.raw);
        assertThat(sequences(rawEvents)).containsExactly(1L, 2L);
        assertThat(rawEvents.get(1).payload()).isEqualTo(appended.payload());
        assertThat(rawEvents.get(1).eventType()).isEqualTo(appended.eventType());
    }

    @Test
    void theAppendProbeTakesTurnsInChunksAndSendsOnePutItemPerAppendOnEachSide() {
        // given
        AppendProbe.Settings settings = new AppendProbe.Settings(1, 2, 2);

        // when
        List<AppendProbe.Round> rounds = AppendProbe.run(engine, clients.sides, settings);
        String rendered = AppendProbe.render(rounds, settings);

        // then
        assertThat(rounds).hasSize(3).allSatisfy(round -> {
            assertThat(round.appends()).isEqualTo(2L * AppendProbe.CHUNK);
            // The library's first append of a stream new to it reads the version first.
            assertThat(round.rawRequests()).isEqualTo(round.appends());
            assertThat(round.libraryRequests()).isBetween(round.appends(), round.appends() + 1);
            assertThat(List.of(round.libraryNanos(), round.rawNanos())).allSatisfy(n -> assertThat(n).isPositive());
        });
        assertThat(rendered).contains("library/raw over 2 rounds: median ");
    }

    @Test
    void getEventsReadsTheSameEventsAsTheRawQueryInOneQueryEach() {
        // given
        DynamoDbReadBenchmarks benchmarks = new DynamoDbReadBenchmarks();
        DynamoDbReadBenchmarks.StoredStream stored = new DynamoDbReadBenchmarks.StoredStream();
        stored.events = Integer.parseInt(DynamoDbReadBenchmarks.EVENTS);
        stored.seed(engine);

        // when
        benchmarks.getEvents(engine, stored, paired, blackhole);
        List<RecordedEvent> library = benchmarks.libraryGetEvents(stored);
        List<Map<String, AttributeValue>> raw = DynamoDbReadBenchmarks.rawQuery(engine, stored.stream);

        // then
        assertThat(List.of(paired.libraryOperations, paired.libraryRequests, paired.rawOperations, paired.rawRequests))
                .containsOnly(1L);
        assertThat(sequences(library))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.events).boxed().toList());
        assertThat(library).extracting(event -> event.eventId().toString())
                .containsExactlyElementsOf(raw.stream().map(item -> item.get("id").s()).toList());
    }

    @Test
    void withPayloadsBothSidesParseTheSamePayloadsInOneQueryEach() {
        // given
        DynamoDbReadBenchmarks benchmarks = new DynamoDbReadBenchmarks();
        DynamoDbReadBenchmarks.StoredStream stored = new DynamoDbReadBenchmarks.StoredStream();
        stored.events = 50;
        stored.seed(engine);

        // when
        benchmarks.getEventsWithPayloads(engine, stored, paired, blackhole);

        // then
        assertThat(List.of(paired.libraryOperations, paired.libraryRequests, paired.rawOperations, paired.rawRequests))
                .containsOnly(1L);
        // Compared as JSON text: the library reads decimals exactly (BigDecimal), the raw side as doubles.
        assertThat(benchmarks.libraryPayloads(stored)).hasSize(50).map(JsonNode::toString)
                .isEqualTo(DynamoDbReadBenchmarks.rawPayloads(engine, stored.stream).stream()
                        .map(JsonNode::toString).toList());
    }

    @Test
    void loadFromHistoryWithASnapshotTakesTwoRequestsAndEqualsTheWholeFold() {
        // given
        DynamoDbHistoryBenchmarks benchmarks = new DynamoDbHistoryBenchmarks();
        DynamoDbHistoryBenchmarks.LongStream stream = new DynamoDbHistoryBenchmarks.LongStream();
        stream.events = Integer.parseInt(DynamoDbHistoryBenchmarks.EVENTS);
        stream.seed(engine);
        long pages = engine.requestsOf(() -> DynamoDbReadBenchmarks.rawQuery(engine, stream.stream)).get("Query");

        // when
        Map<String, Long> withSnapshot = engine.requestsOf(() -> stream.withSnapshots.loadFromHistory());
        Map<String, Long> without = engine.requestsOf(() -> stream.withoutSnapshots.loadFromHistory());
        benchmarks.loadFromHistory(stream, paired, blackhole);

        // then
        assertThat(withSnapshot).isEqualTo(Map.of("GetItem", 1L, "Query", 1L));
        assertThat(pages).isGreaterThan(1);
        assertThat(without).isEqualTo(Map.of("Query", pages));
        assertThat(paired.libraryRequests).isEqualTo(2);
        assertThat(paired.rawRequests).isEqualTo(pages);
        History history = stream.withSnapshots.loadFromHistory();
        assertThat(history).isEqualTo(stream.withoutSnapshots.loadFromHistory());
        assertThat(history.sequence()).isEqualTo(stream.events);
        assertThat(history.payload().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("item", "quantity", "price", "customer", "address", "amount", "currency",
                        "method", "carrier", "tracking");
        SnapshotGrowth.Row growth = SnapshotGrowth.measure(engine, stream.stream, stream.events);
        // A snapshot is stored (0 bytes means none), deflated to far less than its JSON.
        assertThat(growth.snapshotBytes()).isBetween(1L, 400L * 1024);
        assertThat(growth.requests()).isEqualTo(withSnapshot);
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
        writer.open(engine, clients);
        return writer;
    }

    private List<RecordedEvent> read(StreamKey stream) {
        return engine.store(SnapshotPolicy.NEVER).getEventStream(stream).getEvents();
    }

    private static Map<String, Long> sentSince(Map<String, Long> before, RequestCounter counter) {
        Map<String, Long> sent = new TreeMap<>(counter.snapshot());
        before.forEach((operation, count) -> sent.merge(operation, -count, Long::sum));
        sent.values().removeIf(count -> count == 0);
        return sent;
    }

    private static List<Long> sequences(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::sequence).toList();
    }

    private Map<String, AttributeValue> item(StreamKey stream, long sequence) {
        return engine.client.getItem(r -> r.tableName(EventItems.TABLE).key(EventItems.key(stream, sequence))
                .consistentRead(true)).item();
    }

    private static Map<String, AttributeValue.Type> typesOf(Map<String, AttributeValue> item) {
        return item.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().type()));
    }
}

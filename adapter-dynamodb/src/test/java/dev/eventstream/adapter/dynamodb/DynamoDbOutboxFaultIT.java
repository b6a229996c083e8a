package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.PublicationRelay;
import dev.eventstream.testkit.Await;
import dev.eventstream.testkit.RecordingPublisher;
import dev.eventstream.testkit.fault.FaultyEndpoint;
import dev.eventstream.testkit.fault.FaultyEndpoint.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relay's requests to the DynamoDB outbox, each faulted in turn, on moto behind a {@link FaultyEndpoint}: the
 * reads of the pending index ({@code Query}, one per shard), the fetch of the pending events ({@code BatchGetItem})
 * and the marks ({@code UpdateItem}, one per event). Each run starts a store on events a previous process left
 * pending, then appends one more, handed to the relay at once; once the fault has happened it is switched off, and
 * {@code drainPublications} must then come true with every event published, each stream's in sequence order.
 */
class DynamoDbOutboxFaultIT {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final TestEngine moto = TestEngine.moto();
    private DynamoDbConfig table;
    /** Straight to moto, tracking publications: the previous process that left events pending. */
    private DynamoDbEventPersistence previous;
    private FaultyEndpoint endpoint;

    static Stream<Arguments> faults() {
        return Stream.of(Fault.values()).flatMap(fault -> Stream.of(
                Arguments.of(fault, "Query"), Arguments.of(fault, "BatchGetItem"), Arguments.of(fault, "UpdateItem")));
    }

    /**
     * The relay's pacing, in one place: fast retries, scans every 200 ms (a run waits for the second), and no grace
     * period, since the pending events are a previous process's.
     */
    private static PublicationRelay.Settings relaySettings() {
        return PublicationRelay.Settings.DEFAULT
                .withRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .withIdleScanInterval(Duration.ofMillis(200))
                .withScanBatchSize(50)
                .withGracePeriod(Duration.ZERO);
    }

    @BeforeEach
    void openTableBehindAFaultyEndpoint() throws IOException {
        endpoint = new FaultyEndpoint(moto.endpoint());
        table = moto.newTable();
        previous = new DynamoDbEventPersistence(table);
        previous.enablePublicationTracking();
    }

    @AfterEach
    void closeAll() {
        previous.close();
        endpoint.close();
        moto.deleteTable(table.tableName());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("faults")
    void everyEventIsPublished_whenARequestOfTheRelayToTheOutboxFails(Fault fault, String operation) {
        for (int nth : requestsToFault(operation)) {
            run(operation, nth, fault);
        }
    }

    /**
     * An append whose write landed but whose answer was lost (so the caller was told it failed) is in the outbox
     * and never handed to the relay; the stream's next append must not be published before it.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, names = {"DROP_ANSWER", "LATE_ANSWER"})
    void anAppendThatLandedButFailed_isPublishedBeforeItsStreamsLaterEvents(Fault fault) {
        RecordingPublisher publisher = new RecordingPublisher();
        try (DefaultEventStore store = storeThroughTheEndpoint(publisher)) {
            // given
            EventStream stream = store.getEventStream("orders-" + UUID.randomUUID(), "1");
            stream.addEvent("PLACED", Map.of());
            endpoint.fault("PutItem", 1, fault);

            // when: the next append lands unheard, and the caller goes on
            assertThatThrownBy(() -> stream.addEvent("PAID", Map.of()))
                    .isInstanceOf(EventStoreUnavailableException.class);
            stream.addEvent("SHIPPED", Map.of());
            awaitTrue(() -> store.drainPublications(Duration.ofSeconds(5)), "the drain");

            // then
            List<RecordedEvent> stored = previous.read(stream.key(), 1, Long.MAX_VALUE);
            assertThat(stored).extracting(RecordedEvent::eventType).containsExactly("PLACED", "PAID", "SHIPPED");
            assertThat(publishedIds(publisher)).containsAll(ids(stored));
            assertEachStreamInOrder(publisher.published(), "after " + fault);
        }
    }

    private DefaultEventStore storeThroughTheEndpoint(RecordingPublisher publisher) {
        return DefaultEventStore.builder(new DynamoDbEventPersistence(table
                        .withEndpointUrl(endpoint.endpoint()).withMaxRetries(0).withSocketTimeout(SOCKET_TIMEOUT)))
                .publisher(publisher)
                .relaySettings(relaySettings())
                .build();
    }

    /**
     * Which requests of {@code operation} a run sends before its drain, in order: a mark per event (the three left
     * pending, then the new one), the fetch of the scan that finds the three, and of the index reads the first of
     * each of the first two scans. A read that fails fails its whole scan, whichever shard it was for.
     */
    private static List<Integer> requestsToFault(String operation) {
        return switch (operation) {
            case "UpdateItem" -> List.of(1, 2, 3, 4);
            case "BatchGetItem" -> List.of(1);
            case "Query" -> List.of(1, EventItem.PENDING_SHARDS + 1);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    /** One run, with the {@code nth} request of {@code operation} faulted. */
    private void run(String operation, int nth, Fault fault) {
        // given: events a previous process stored but did not publish
        String aggregation = "orders-" + UUID.randomUUID();
        List<RecordedEvent> committed = new ArrayList<>();
        committed.addAll(previous.append(StreamKey.of(aggregation, "a"), ExpectedVersion.noStream(),
                List.of(NewEvent.of("PLACED", Map.of()), NewEvent.of("PAID", Map.of()))).events());
        committed.addAll(previous.append(StreamKey.of(aggregation, "b"), ExpectedVersion.noStream(),
                List.of(NewEvent.of("PLACED", Map.of()))).events());
        RecordingPublisher publisher = new RecordingPublisher();
        endpoint.forget();
        endpoint.fault(operation, nth, fault);
        String run = "with " + fault + " at " + operation + " " + nth;

        try (DefaultEventStore store = storeThroughTheEndpoint(publisher)) {
            // when: the new store's relay publishes them and scans again, then the store appends an event
            awaitTrue(() -> publishedIds(publisher).containsAll(ids(committed)), "the left events published " + run);
            awaitTrue(() -> endpoint.operations().stream().filter("Query"::equals).count()
                    >= 2L * EventItem.PENDING_SHARDS, "two scans " + run);
            EventStream c = store.getEventStream(aggregation, "c");
            committed.addAll(c.append(ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of()))).events());
            awaitTrue(() -> publishedIds(publisher).containsAll(ids(committed)), "every event published " + run);
            awaitTrue(() -> endpoint.exchanges().stream().anyMatch(e -> e.fault() != null), "the fault " + run);

            // then: with the fault gone, nothing is left pending and every event was published, in order
            endpoint.clearFaults();
            awaitTrue(() -> store.drainPublications(Duration.ofSeconds(5)), "the drain " + run);
            assertThat(publishedIds(publisher)).as("published %s", run).containsAll(ids(committed));
            assertEachStreamInOrder(publisher.published(), run);
        }
    }

    private static void assertEachStreamInOrder(List<RecordedEvent> published, String description) {
        Map<UUID, RecordedEvent> first = new LinkedHashMap<>();
        published.forEach(event -> first.putIfAbsent(event.eventId(), event));
        first.values().stream().map(RecordedEvent::streamId).distinct().forEach(stream ->
                assertThat(first.values().stream().filter(e -> e.streamId().equals(stream))
                        .map(RecordedEvent::sequence))
                        .as("first publications of stream %s %s", stream, description)
                        .isSorted());
    }

    private static Set<UUID> publishedIds(RecordingPublisher publisher) {
        return new LinkedHashSet<>(ids(publisher.published()));
    }

    private static List<UUID> ids(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::eventId).toList();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Await.until(BOUND, () -> what, condition);
    }
}

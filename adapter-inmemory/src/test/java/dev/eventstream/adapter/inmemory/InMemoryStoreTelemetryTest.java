package dev.eventstream.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.FeedStart;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.PublicationSource;
import dev.eventstream.core.SnapshotPolicy;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.Outcome;
import dev.eventstream.testkit.Await;
import dev.eventstream.testkit.RecordingTelemetry;
import dev.eventstream.testkit.RecordingTelemetry.Recorded;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a store tells its telemetry, and the trace context its events carry from the append to the subscriber. */
class InMemoryStoreTelemetryTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private final InMemoryEventBus bus = new InMemoryEventBus();
    private DefaultEventStore store = DefaultEventStore.builder(new InMemoryEventPersistence())
            .publisher(bus).telemetry(telemetry).snapshotPolicy(SnapshotPolicy.every(2)).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anAppendIsAnOperationWhoseContextEachStoredEventCarries() {
        // when
        EventStream stream = store.getEventStream("orders", "1");
        List<RecordedEvent> appended = stream.append(ExpectedVersion.noStream(),
                List.of(NewEvent.of("PLACED", Map.of()), NewEvent.of("PAID", Map.of()))).events();

        // then
        Recorded append = telemetry.operations(OperationKind.APPEND).get(0);
        assertThat(append.outcome()).contains(Outcome.COMMITTED);
        assertThat(append.events()).isEqualTo(2);
        assertThat(append.version()).isEqualTo(2);
        assertThat(append.start().stream()).isEqualTo(stream.key());
        assertThat(stream.getEvents()).extracting(e -> e.metadata().header("traceparent").orElseThrow())
                .containsOnly(append.traceparent());
        assertThat(appended).extracting(e -> e.metadata().header("traceparent").orElseThrow())
                .containsOnly(append.traceparent());
    }

    @Test
    void aTraceparentTheApplicationSetIsKept() {
        // when
        NewEvent placed = NewEvent.of("PLACED", Map.of()).withMetadata(EventMetadata.none()
                .withHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        RecordedEvent stored = store.getEventStream("orders", "2").addEvent(placed);

        // then
        assertThat(stored.metadata().header("traceparent"))
                .contains("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void anEventWithNoRoomForTheContextIsAppendedWithoutIt() {
        // given: as many headers as an event may carry
        EventMetadata full = EventMetadata.none();
        for (int i = 0; i < Limits.MAX_METADATA_HEADERS; i++) {
            full = full.withHeader("h" + i, "v");
        }

        // when
        RecordedEvent stored = store.getEventStream("orders", "9")
                .addEvent(NewEvent.of("PLACED", Map.of()).withMetadata(full));

        // then
        assertThat(stored.metadata()).isEqualTo(full);
        assertThat(telemetry.operations(OperationKind.APPEND).get(0).outcome()).contains(Outcome.COMMITTED);
    }

    @Test
    void appendOutcomesTellConflictsAndIdempotentRepeats() {
        // given
        EventStream stream = store.getEventStream("orders", "3");
        NewEvent placed = NewEvent.of("PLACED", Map.of());
        stream.append(ExpectedVersion.noStream(), List.of(placed));

        // when
        stream.append(ExpectedVersion.noStream(), List.of(placed));
        assertThatThrownBy(() -> stream.append(ExpectedVersion.exactly(5), List.of(NewEvent.of("X", Map.of()))))
                .isInstanceOf(WrongExpectedVersionException.class);

        // then
        assertThat(telemetry.operations(OperationKind.APPEND)).extracting(op -> op.outcome().orElseThrow())
                .containsExactly(Outcome.COMMITTED, Outcome.IDEMPOTENT, Outcome.CONFLICT);
        assertThat(telemetry.operations(OperationKind.APPEND).get(2).failure())
                .containsInstanceOf(WrongExpectedVersionException.class);
    }

    @Test
    void readsAndLoadsAreOperationsAndLoadsCountSnapshots() {
        // given
        EventStream stream = store.getEventStream("orders", "4");
        stream.addEvent("PLACED", Map.of());
        stream.addEvent("PAID", Map.of());

        // when
        stream.getEvents();
        stream.loadFromHistory();
        stream.loadFromHistory();
        store.readFeed(1, 10);

        // then
        assertThat(telemetry.operations(OperationKind.READ)).extracting(op -> op.start().target())
                .containsExactly("stream", "feed");
        assertThat(telemetry.operations(OperationKind.READ).get(0).events()).isEqualTo(2);
        assertThat(telemetry.operations(OperationKind.LOAD)).hasSize(2)
                .allSatisfy(op -> assertThat(op.outcome()).contains(Outcome.SUCCESS));
        assertThat(telemetry.count(Meter.SNAPSHOTS, "miss")).isEqualTo(1);
        assertThat(telemetry.count(Meter.SNAPSHOTS, "stored")).isEqualTo(1);
        assertThat(telemetry.count(Meter.SNAPSHOTS, "hit")).isEqualTo(1);
    }

    @Test
    void publicationAndDeliveryAreOperationsCarryingTheAppendsContext() {
        // given
        List<RecordedEvent> delivered = new CopyOnWriteArrayList<>();
        store.subscribe("orders", delivered::add);

        // when
        store.getEventStream("orders", "5").addEvent("PLACED", Map.of());

        // then
        Await.until(DEADLINE, () -> "a delivery", () -> !telemetry.operations(OperationKind.PROCESS).isEmpty()
                && telemetry.operations(OperationKind.PROCESS).get(0).outcome().isPresent());
        String appended = telemetry.operations(OperationKind.APPEND).get(0).traceparent();
        Recorded publish = telemetry.operations(OperationKind.PUBLISH).get(0);
        assertThat(publish.start().target()).isEqualTo("InMemoryEventBus");
        assertThat(publish.start().causes()).containsExactly(Map.of("traceparent", appended));
        Recorded process = telemetry.operations(OperationKind.PROCESS).get(0);
        assertThat(process.start().target()).isEqualTo("orders");
        assertThat(process.start().causes()).containsExactly(Map.of("traceparent", appended));
        assertThat(process.outcome()).contains(Outcome.SUCCESS);
    }

    @Test
    void aFailingSubscriberEndsItsDeliveryFailed() {
        // given
        store.subscribe("orders", event -> {
            throw new IllegalStateException("projection down");
        });

        // when
        store.getEventStream("orders", "6").addEvent("PLACED", Map.of());

        // then
        Await.until(DEADLINE, () -> "a failed delivery", () -> telemetry.operations(OperationKind.PROCESS).stream()
                .anyMatch(op -> op.outcome().isPresent()));
        assertThat(telemetry.operations(OperationKind.PROCESS).get(0).outcome()).contains(Outcome.FAILED);
    }

    @Test
    void aCatchUpSubscriptionDeliversAsItsGroupAndReportsItsLagUntilClosed() {
        // given
        store.getEventStream("orders", "7").addEvent("PLACED", Map.of());
        List<Object> handled = new CopyOnWriteArrayList<>();

        // when
        var subscription = store.subscribeToFeed(CatchUp.group("projector").startingAt(FeedStart.beginning()),
                handled::add);
        Await.until(DEADLINE, () -> "the entry handled", () -> !handled.isEmpty());

        // then
        Recorded process = telemetry.operations(OperationKind.PROCESS).stream()
                .filter(op -> op.start().target().equals("projector")).findFirst().orElseThrow();
        assertThat(process.start().causes()).containsExactly(
                Map.of("traceparent", telemetry.operations(OperationKind.APPEND).get(0).traceparent()));
        Await.until(DEADLINE, () -> "caught up", () -> telemetry.gauge(Meter.SUBSCRIPTION_LAG, "projector")
                .filter(lag -> lag == 0).isPresent());
        subscription.close();
        assertThat(telemetry.gauge(Meter.SUBSCRIPTION_LAG, "projector")).isEmpty();
    }

    @Test
    void aStorePublishingFromTheOutboxReportsPendingAndParkedUntilClosed() {
        // given
        store.close();
        store = DefaultEventStore.builder(new InMemoryEventPersistence()).publisher(bus)
                .publicationSource(PublicationSource.OUTBOX).telemetry(telemetry).build();

        // then
        assertThat(telemetry.gauge(Meter.PUBLICATIONS_PENDING)).contains(0.0);
        assertThat(telemetry.gauge(Meter.PUBLICATIONS_PARKED)).contains(0.0);
        store.close();
        assertThat(telemetry.gauge(Meter.PUBLICATIONS_PENDING)).isEmpty();
    }

    @Test
    void aStoreWithoutTelemetryStoresNoContext() {
        // given
        store.close();
        store = DefaultEventStore.builder(new InMemoryEventPersistence()).build();

        // when
        RecordedEvent stored = store.getEventStream("orders", "8").addEvent("PLACED", Map.of());

        // then
        assertThat(stored.metadata().isEmpty()).isTrue();
    }
}

package dev.eventstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.inmemory.InMemoryEventBus;
import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedStart;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store traced end to end in memory: from the append through the publication to each subscriber. */
class StoreTracingTest {
    private final TestTracing otel = new TestTracing();
    private final InMemoryEventBus bus = new InMemoryEventBus();
    private final DefaultEventStore store = DefaultEventStore.builder(new InMemoryEventPersistence())
            .publisher(bus).telemetry(otel.tracing).build();

    @AfterEach
    void close() {
        store.close();
        otel.close();
    }

    @Test
    void anAppendIsAChildOfTheApplicationsSpanAndItsEventsCarryIt() {
        // given
        Span request = otel.applicationSpan("POST /orders");

        // when
        RecordedEvent placed = TestTracing.callInside(Context.current().with(request),
                () -> store.getEventStream("orders", "1").addEvent("PLACED", Map.of()));
        request.end();

        // then
        SpanData append = otel.span("eventstream.append");
        assertThat(append.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(append.getAttributes().get(SpanAttributes.STREAM_ID)).isEqualTo("1");
        assertThat(append.getAttributes().get(SpanAttributes.OUTCOME)).isEqualTo("committed");
        assertThat(placed.metadata().header("traceparent")).hasValueSatisfying(traceparent -> assertThat(traceparent)
                .startsWith("00-" + append.getTraceId() + "-" + append.getSpanId() + "-"));
        RecordedEvent read = store.getEventStream("orders", "1").getEvents().get(0);
        assertThat(read.metadata().header("traceparent")).isEqualTo(placed.metadata().header("traceparent"));
    }

    @Test
    void aSubscribersHandlingContinuesTheAppendsTraceThroughThePublication() {
        // given
        List<RecordedEvent> handled = new CopyOnWriteArrayList<>();
        store.subscribe("orders", handled::add);

        // when
        store.getEventStream("orders", "2").addEvent("PLACED", Map.of());

        // then
        SpanData process = otel.awaitSpan("eventstream.process orders");
        SpanData append = otel.span("eventstream.append");
        assertThat(process.getTraceId()).isEqualTo(append.getTraceId());
        assertThat(process.getParentSpanId()).isEqualTo(append.getSpanId());
        assertThat(process.getAttributes().get(SpanAttributes.OUTCOME)).isEqualTo("success");
        SpanData publish = otel.awaitSpan("eventstream.publish InMemoryEventBus");
        assertThat(publish.getParentSpanId()).isEqualTo(append.getSpanId());
        assertThat(publish.getLinks()).extracting(link -> link.getSpanContext().getSpanId())
                .containsExactly(append.getSpanId());
        assertThat(handled).hasSize(1);
    }

    @Test
    void aFailingSubscribersHandlingIsAnError() {
        // given
        store.subscribe("orders", event -> {
            throw new IllegalStateException("projection down");
        });

        // when
        store.getEventStream("orders", "3").addEvent("PLACED", Map.of());

        // then
        SpanData process = otel.awaitSpan("eventstream.process orders");
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(process.getAttributes().get(SpanAttributes.ERROR_TYPE))
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void aCatchUpSubscriptionsHandlingContinuesEachAppendsTrace() {
        // given
        store.getEventStream("orders", "4").addEvent("PLACED", Map.of());
        store.getEventStream("orders", "5").addEvent("PLACED", Map.of());
        List<FeedEntry> handled = new CopyOnWriteArrayList<>();

        // when
        FeedSubscription subscription = store.subscribeToFeed(
                CatchUp.group("projector").startingAt(FeedStart.beginning()), handled::add);
        try {
            otel.awaitSpan("two deliveries to the projector", s -> otel.spans().stream()
                    .filter(span -> span.getName().equals("eventstream.process projector")).count() == 2);
        } finally {
            subscription.close();
        }

        // then
        List<SpanData> appends = otel.spans().stream().filter(s -> s.getName().equals("eventstream.append")).toList();
        List<SpanData> processes = otel.spans().stream()
                .filter(s -> s.getName().equals("eventstream.process projector")).toList();
        assertThat(processes).extracting(SpanData::getParentSpanId)
                .containsExactlyInAnyOrderElementsOf(appends.stream().map(SpanData::getSpanId).toList());
        assertThat(processes).extracting(SpanData::getTraceId)
                .containsExactlyInAnyOrderElementsOf(appends.stream().map(SpanData::getTraceId).toList());
        assertThat(processes).extracting(s -> s.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION))
                .containsOnly("projector");
    }

    @Test
    void aTraceTheApplicationGaveItsEventIsTheOneItsSubscribersContinue() {
        // given
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        List<RecordedEvent> handled = new CopyOnWriteArrayList<>();
        store.subscribe("orders", handled::add);

        // when
        store.getEventStream("orders", "6").addEvent(NewEvent.of("PLACED", Map.of())
                .withMetadata(EventMetadata.none().withHeader("traceparent", traceparent)));

        // then
        SpanData process = otel.awaitSpan("eventstream.process orders");
        assertThat(process.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(process.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    }
}

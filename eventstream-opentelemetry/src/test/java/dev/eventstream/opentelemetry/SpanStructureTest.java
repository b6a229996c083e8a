package dev.eventstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.StreamKey;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spans' names, kinds, parents, links and attributes, from the port called directly. */
class SpanStructureTest {
    private static final StreamKey ORDER = new StreamKey("orders", "order-1");

    private final TestTracing otel = new TestTracing();
    private final OpenTelemetryTracing tracing = otel.tracing;

    @AfterEach
    void close() {
        otel.close();
    }

    @Test
    void anAppendIsAClientSpanChildOfTheApplicationsSpan() {
        // given
        Span request = otel.applicationSpan("POST /orders");

        // when
        TestTracing.runInside(request, () -> {
            Operation append = tracing.start(OperationStart.append(ORDER));
            append.events(2);
            append.version(7);
            append.end(Outcome.COMMITTED);
        });
        request.end();

        // then
        SpanData span = otel.span("eventstream.append");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(span.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(span.getAttributes().get(SpanAttributes.AGGREGATION)).isEqualTo("orders");
        assertThat(span.getAttributes().get(SpanAttributes.STREAM_ID)).isEqualTo("order-1");
        assertThat(span.getAttributes().get(SpanAttributes.EVENTS)).isEqualTo(2);
        assertThat(span.getAttributes().get(SpanAttributes.VERSION)).isEqualTo(7);
        assertThat(span.getAttributes().get(SpanAttributes.OUTCOME)).isEqualTo("committed");
        assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.eventstream");
    }

    @Test
    void readsAndLoadsAreClientSpansNamedWithTheirSource() {
        // when
        tracing.start(OperationStart.readStream(ORDER)).end(Outcome.SUCCESS);
        tracing.start(OperationStart.readFeed()).end(Outcome.SUCCESS);
        tracing.start(OperationStart.load(ORDER)).end(Outcome.SUCCESS);

        // then
        assertThat(otel.spans()).extracting(SpanData::getName)
                .containsExactly("eventstream.read stream", "eventstream.read feed", "eventstream.load");
        assertThat(otel.spans()).extracting(SpanData::getKind).containsOnly(SpanKind.CLIENT);
        assertThat(otel.span("eventstream.read feed").getAttributes().get(SpanAttributes.STREAM_ID)).isNull();
    }

    @Test
    void anOperationsSpanIsCurrentUntilItEnds() {
        // given
        Operation append = tracing.start(OperationStart.append(ORDER));

        // when
        Operation read = tracing.start(OperationStart.readStream(ORDER));
        read.end(Outcome.SUCCESS);
        SpanContext currentAfterRead = Span.current().getSpanContext();
        append.end(Outcome.COMMITTED);

        // then
        assertThat(otel.span("eventstream.read stream").getParentSpanId())
                .isEqualTo(otel.span("eventstream.append").getSpanId());
        assertThat(currentAfterRead.getSpanId()).isEqualTo(otel.span("eventstream.append").getSpanId());
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void aPublicationContinuesItsFirstEventsTraceAndLinksEachEventsTraceOnce() {
        // given
        String first = traceparent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");
        String second = traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
        List<Map<String, String>> causes = List.of(Map.of("traceparent", first), Map.of("traceparent", first),
                Map.of("traceparent", second), Map.of("tenant", "acme"), Map.of("traceparent", first));

        // when
        Operation publish = tracing.start(new OperationStart(OperationKind.PUBLISH, "orders-topic", ORDER, causes));
        publish.events(5);
        publish.end(Outcome.SUCCESS);

        // then
        SpanData span = otel.span("eventstream.publish orders-topic");
        assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(span.getLinks()).extracting(link -> link.getSpanContext().getSpanId())
                .containsExactly("b7ad6b7169203331", "00f067aa0ba902b7");
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION)).isEqualTo("orders-topic");
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_OPERATION_TYPE)).isEqualTo("send");
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_OPERATION_NAME)).isEqualTo("publish");
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_BATCH_COUNT)).isEqualTo(5);
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_SYSTEM)).isNull();
    }

    @Test
    void aPublicationOfOneEventHasNoBatchCount() {
        // when
        Operation publish = tracing.start(new OperationStart(OperationKind.PUBLISH, "orders-topic", ORDER,
                List.of(Map.of())));
        publish.events(1);
        publish.end(Outcome.SUCCESS);

        // then
        assertThat(otel.span("eventstream.publish orders-topic").getAttributes()
                .get(SpanAttributes.MESSAGING_BATCH_COUNT)).isNull();
    }

    @Test
    void aPublicationOfEventsWithoutTraceIsAChildOfTheCurrentSpanWithoutLinks() {
        // given
        Span relay = otel.applicationSpan("relay");

        // when
        TestTracing.runInside(relay, () -> tracing.start(new OperationStart(OperationKind.PUBLISH, "orders-topic",
                ORDER, List.of(Map.of(), Map.of("traceparent", "not a traceparent")))).end(Outcome.SUCCESS));

        // then
        SpanData span = otel.span("eventstream.publish orders-topic");
        assertThat(span.getParentSpanId()).isEqualTo(relay.getSpanContext().getSpanId());
        assertThat(span.getLinks()).isEmpty();
    }

    @Test
    void aDeliveryIsAConsumerSpanContinuingItsEventsTrace() {
        // given
        String appended = traceparent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");

        // when
        Operation process = tracing.start(new OperationStart(OperationKind.PROCESS, "orders-queue", ORDER,
                List.of(Map.of("traceparent", appended))));
        process.events(1);
        process.end(Outcome.SUCCESS);

        // then
        SpanData span = otel.span("eventstream.process orders-queue");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(span.getLinks()).isEmpty();
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION)).isEqualTo("orders-queue");
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_OPERATION_TYPE)).isEqualTo("process");
        assertThat(span.getAttributes().get(SpanAttributes.EVENTS)).isEqualTo(1);
    }

    @Test
    void aDeliveryLinksTheSpanCurrentBesidesItsEventsTrace() {
        // given
        String appended = traceparent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");
        Span batch = otel.applicationSpan("lambda invocation");

        // when
        TestTracing.runInside(batch, () -> tracing.start(new OperationStart(OperationKind.PROCESS, "orders-queue",
                ORDER, List.of(Map.of("traceparent", appended)))).end(Outcome.SUCCESS));

        // then
        SpanData span = otel.span("eventstream.process orders-queue");
        assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(span.getLinks()).extracting(LinkData::getSpanContext).extracting(SpanContext::getSpanId)
                .containsExactly(batch.getSpanContext().getSpanId());
    }

    @Test
    void aDeliveryOfAnEventWithoutTraceIsAChildOfTheCurrentSpan() {
        // given
        Span poll = otel.applicationSpan("poll");

        // when
        TestTracing.runInside(poll, () -> tracing.start(new OperationStart(OperationKind.PROCESS, "projector",
                ORDER, List.of(Map.of()))).end(Outcome.SUCCESS));

        // then
        SpanData span = otel.span("eventstream.process projector");
        assertThat(span.getParentSpanId()).isEqualTo(poll.getSpanContext().getSpanId());
        assertThat(span.getLinks()).isEmpty();
    }

    static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }
}

package dev.eventstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.eventstream.api.StreamKey;
import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import dev.eventstream.core.telemetry.StoreTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The tracing never fails the store's work, whatever OpenTelemetry it is given. */
class RobustnessTest {
    private static final StreamKey ORDER = new StreamKey("orders", "order-1");
    private static final Map<String, String> CAUSE =
            Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    @Test
    void withTheNoopOpenTelemetryNothingIsRecordedAndNothingThrows() {
        // given
        OpenTelemetryTracing tracing = new OpenTelemetryTracing(OpenTelemetry.noop());

        // when / then
        assertThatCode(() -> {
            Operation append = tracing.start(OperationStart.append(ORDER));
            append.events(1);
            append.version(1);
            tracing.awsRequest(new AwsRequest("DynamoDB", "PutItem", List.of("events"), 1, null, "throttled",
                    List.of(1.0)));
            assertThat(append.context()).isEmpty();
            append.end(Outcome.COMMITTED);
            tracing.start(new OperationStart(OperationKind.PUBLISH, "t", ORDER, List.of(CAUSE, Map.of())))
                    .end(Outcome.FAILED, new IllegalStateException("down"));
            tracing.start(new OperationStart(OperationKind.PROCESS, "q", ORDER, List.of(CAUSE)))
                    .end(Outcome.SUCCESS);
            tracing.count(Meter.RETRIES, 1, "append");
            assertThat(tracing.gauge(Meter.PUBLICATIONS_PENDING, () -> 1)).isSameAs(StoreTelemetry.Registration.NONE);
        }).doesNotThrowAnyException();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void aPropagatorThatThrowsLeavesTheStoreUntouched() {
        // given
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                .setPropagators(ContextPropagators.create(new ThrowingPropagator())).build()) {
            OpenTelemetryTracing tracing = new OpenTelemetryTracing(sdk);

            // when
            Operation append = tracing.start(OperationStart.append(ORDER));
            Map<String, String> context = append.context();
            append.end(Outcome.COMMITTED);
            Operation process = tracing.start(new OperationStart(OperationKind.PROCESS, "q", ORDER, List.of(CAUSE)));
            process.end(Outcome.SUCCESS);

            // then
            assertThat(context).isEmpty();
            assertThat(exporter.getFinishedSpanItems()).extracting(s -> s.getName())
                    .containsExactly("eventstream.append");
            assertThat(process).isSameAs(Operation.NONE);
            assertThat(Span.current().getSpanContext().isValid()).isFalse();
        }
    }

    @Test
    void anOperationEndedOnAnotherThreadDoesNotDisturbThatThread() throws Exception {
        ExecutorService starting = Executors.newSingleThreadExecutor();
        ExecutorService ending = Executors.newSingleThreadExecutor();
        try (TestTracing otel = new TestTracing()) {
            // given
            Operation append = starting.submit(() -> otel.tracing.start(OperationStart.append(ORDER))).get();

            // when
            boolean endingThreadClean = ending.submit(() -> {
                append.end(Outcome.COMMITTED);
                return !Span.current().getSpanContext().isValid();
            }).get();

            // then
            assertThat(endingThreadClean).isTrue();
            assertThat(otel.spans()).hasSize(1);
        } finally {
            starting.shutdownNow();
            ending.shutdownNow();
        }
    }

    /** A propagator broken in every way a propagator can be. */
    private static final class ThrowingPropagator implements TextMapPropagator {
        @Override
        public Collection<String> fields() {
            throw new IllegalStateException("broken");
        }

        @Override
        public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
            throw new IllegalStateException("broken");
        }

        @Override
        public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
            throw new IllegalStateException("broken");
        }
    }
}

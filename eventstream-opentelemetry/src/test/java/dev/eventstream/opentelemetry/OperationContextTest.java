package dev.eventstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.StreamKey;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trace context an operation hands the store to carry with its events. */
class OperationContextTest {
    private static final StreamKey ORDER = new StreamKey("orders", "order-1");

    @Test
    void theContextIsTheOperationsOwnSpanAsTraceparent() {
        try (TestTracing otel = new TestTracing()) {
            // when
            Operation append = otel.tracing.start(OperationStart.append(ORDER));
            Map<String, String> context = append.context();
            append.end(Outcome.COMMITTED);

            // then
            SpanData span = otel.span("eventstream.append");
            assertThat(context).containsOnlyKeys("traceparent");
            assertThat(context.get("traceparent"))
                    .isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                            + span.getSpanContext().getTraceFlags().asHex());
            assertThat(span.getSpanContext().getTraceFlags().isSampled()).isTrue();
        }
    }

    @Test
    void theContextIsTheOperationsSpanEvenWithAnotherSpanCurrentAndLeavesBaggageOut() {
        try (TestTracing otel = new TestTracing()) {
            // given
            Operation append = otel.tracing.start(OperationStart.append(ORDER));
            Span inner = otel.applicationSpan("inner");

            // when
            Map<String, String> context = TestTracing.callInside(
                    Context.current().with(inner).with(Baggage.builder().put("user", "u-1").build()), append::context);
            inner.end();
            append.end(Outcome.COMMITTED);

            // then
            assertThat(context).containsOnlyKeys("traceparent");
            assertThat(context.get("traceparent")).contains(otel.span("eventstream.append").getSpanId());
        }
    }

    @Test
    void aTraceStateOfTheParentIsCarriedToo() {
        try (TestTracing otel = new TestTracing()) {
            // given
            Span parent = Span.wrap(SpanContext.createFromRemoteParent(
                    "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                    TraceFlags.getSampled(),
                    TraceState.builder().put("vendor", "v1").build()));

            // when
            Map<String, String> context = TestTracing.callInside(Context.current().with(parent), () -> {
                Operation append = otel.tracing.start(OperationStart.append(ORDER));
                Map<String, String> carried = append.context();
                append.end(Outcome.COMMITTED);
                return carried;
            });

            // then
            assertThat(context).containsEntry("tracestate", "vendor=v1");
            assertThat(context.get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
        }
    }

    @Test
    void aSpanThatIsNotSampledIsCarriedWithItsFlags() {
        try (TestTracing otel = new TestTracing(Sampler.alwaysOff())) {
            // when
            Operation append = otel.tracing.start(OperationStart.append(ORDER));
            Map<String, String> context = append.context();
            append.end(Outcome.COMMITTED);

            // then
            assertThat(otel.spans()).isEmpty();
            String traceparent = context.get("traceparent");
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
            // The lowest bit of the flags is W3C's "sampled".
            assertThat(Integer.parseInt(traceparent.substring(53), 16) & 1).isZero();
        }
    }

    @Test
    void aContextReadBackContinuesTheOperationsTrace() {
        try (TestTracing otel = new TestTracing()) {
            // given
            Operation append = otel.tracing.start(OperationStart.append(ORDER));
            Map<String, String> context = append.context();
            append.end(Outcome.COMMITTED);

            // when
            Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), context,
                    HeaderCarrier.INSTANCE);

            // then
            assertThat(Span.fromContext(extracted).getSpanContext().getSpanId())
                    .isEqualTo(otel.span("eventstream.append").getSpanId());
        }
    }
}

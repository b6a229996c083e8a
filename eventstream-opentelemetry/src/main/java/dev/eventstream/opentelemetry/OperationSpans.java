package dev.eventstream.opentelemetry;

import dev.eventstream.api.StreamKey;
import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.OperationStart;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;

/** Starts the span of an operation: its name, kind, parent, links and the attributes known at its start. */
final class OperationSpans {
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    OperationSpans(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The started span of {@code start}, a child of {@code current} or of the trace its events continue. */
    Span start(OperationStart start, Context current) {
        SpanBuilder span = tracer.spanBuilder(name(start)).setSpanKind(kind(start.kind()));
        StreamKey stream = start.stream();
        if (stream != null) {
            span.setAttribute(SpanAttributes.AGGREGATION, stream.aggregation());
            span.setAttribute(SpanAttributes.STREAM_ID, stream.streamId());
        }
        switch (start.kind()) {
            case PUBLISH -> {
                messaging(span, start, "send");
                span.setAttribute(SpanAttributes.MESSAGING_OPERATION_NAME, "publish");
                // Every event's context is linked; the first event's is the parent besides.
                List<SpanContext> causes = Causes.all(propagator, start.causes());
                causes.forEach(span::addLink);
                continuing(span, Causes.first(propagator, start.causes()), causes, current);
            }
            case PROCESS -> {
                messaging(span, start, "process");
                SpanContext cause = Causes.first(propagator, start.causes());
                continuing(span, cause, List.of(cause), current);
            }
            default -> span.setParent(current);
        }
        return span.startSpan();
    }

    /**
     * Makes the span a child of the trace its first event carries, when it carries one, else of {@code current}.
     * A span current besides (the handling of an SQS batch in a Lambda function, say) is linked, unless it is one
     * of the {@code linked} already, so that its trace still leads to the handling of each of its messages.
     */
    private static void continuing(SpanBuilder span, SpanContext cause, List<SpanContext> linked, Context current) {
        if (!cause.isValid()) {
            span.setParent(current);
            return;
        }
        span.setParent(current.with(Span.wrap(cause)));
        SpanContext currentSpan = Span.fromContext(current).getSpanContext();
        if (currentSpan.isValid() && linked.stream().noneMatch(link -> sameSpan(link, currentSpan))) {
            span.addLink(currentSpan);
        }
    }

    private static void messaging(SpanBuilder span, OperationStart start, String operationType) {
        if (!start.target().isEmpty()) {
            span.setAttribute(SpanAttributes.MESSAGING_DESTINATION, start.target());
        }
        span.setAttribute(SpanAttributes.MESSAGING_OPERATION_TYPE, operationType);
    }

    private static boolean sameSpan(SpanContext a, SpanContext b) {
        return a.getTraceId().equals(b.getTraceId()) && a.getSpanId().equals(b.getSpanId());
    }

    static String name(OperationStart start) {
        String name = start.kind().spanName();
        return start.target().isEmpty() ? name : name + ' ' + start.target();
    }

    static SpanKind kind(OperationKind kind) {
        return switch (kind) {
            case APPEND, READ, LOAD -> SpanKind.CLIENT;
            case PUBLISH -> SpanKind.PRODUCER;
            case PROCESS -> SpanKind.CONSUMER;
            // A kind a later core adds is traced all the same.
            default -> SpanKind.INTERNAL;
        };
    }
}

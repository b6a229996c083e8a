package dev.eventstream.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The trace contexts an operation's events carry in their metadata headers, as the span contexts they name: the
 * first is a publication's or delivery's parent, each one a publication's link.
 */
final class Causes {
    private Causes() {}

    /** The span context {@code headers} name; invalid when they name none (or none this propagator reads). */
    static SpanContext of(TextMapPropagator propagator, Map<String, String> headers) {
        if (headers.isEmpty()) {
            return SpanContext.getInvalid();
        }
        return Span.fromContext(propagator.extract(Context.root(), headers, HeaderCarrier.INSTANCE))
                .getSpanContext();
    }

    /** The first of {@code causes}' span contexts, invalid when it names none. */
    static SpanContext first(TextMapPropagator propagator, List<Map<String, String>> causes) {
        return causes.isEmpty() ? SpanContext.getInvalid() : of(propagator, causes.get(0));
    }

    /**
     * Every valid span context of {@code causes}, each once, in order. The events of one append carry the same
     * headers, so each run of equal headers is read once: a publication of a thousand events parses one header.
     */
    static List<SpanContext> all(TextMapPropagator propagator, List<Map<String, String>> causes) {
        List<SpanContext> contexts = new ArrayList<>(1);
        Set<String> seen = new HashSet<>();
        @Nullable Map<String, String> previous = null;
        for (Map<String, String> headers : causes) {
            if (headers.equals(previous)) {
                continue;
            }
            previous = headers;
            SpanContext context = of(propagator, headers);
            if (context.isValid() && seen.add(context.getTraceId() + context.getSpanId())) {
                contexts.add(context);
            }
        }
        return contexts;
    }
}

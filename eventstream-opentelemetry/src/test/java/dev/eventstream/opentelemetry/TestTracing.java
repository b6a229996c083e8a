package dev.eventstream.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** An OpenTelemetry SDK exporting to memory, with W3C Trace Context propagation, and a tracing over it. */
final class TestTracing implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final OpenTelemetrySdk sdk;
    final OpenTelemetryTracing tracing;

    TestTracing() {
        this(Sampler.alwaysOn());
    }

    TestTracing(Sampler sampler) {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(sampler)
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        tracing = new OpenTelemetryTracing(sdk);
    }

    /** A tracer of the test's own, for the spans an application would have around the store's. */
    Tracer applicationTracer() {
        return sdk.getTracer("test-application");
    }

    /** A span of the application's, started and not yet current. */
    Span applicationSpan(String name) {
        return applicationTracer().spanBuilder(name).startSpan();
    }

    /** Runs {@code work} with {@code span} current. */
    static void runInside(Span span, Runnable work) {
        callInside(Context.current().with(span), () -> {
            work.run();
            return null;
        });
    }

    /** Calls {@code work} with {@code context} current. */
    static <T> T callInside(Context context, Supplier<T> work) {
        Scope scope = context.makeCurrent();
        try {
            return work.get();
        } finally {
            scope.close();
        }
    }

    List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    /** The one finished span named {@code name}. */
    SpanData span(String name) {
        List<SpanData> named = spans().stream().filter(s -> s.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError("expected one span named " + name + ", found " + spans());
        }
        return named.get(0);
    }

    /** The first finished span that {@code wanted} accepts, waited for: some spans end on the store's threads. */
    SpanData awaitSpan(String what, Predicate<SpanData> wanted) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (SpanData span : spans()) {
                if (wanted.test(span)) {
                    return span;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        throw new AssertionError("no " + what + " within " + DEADLINE + " among " + spans());
    }

    /** The finished span named {@code name}, waited for. */
    SpanData awaitSpan(String name) {
        return awaitSpan("span " + name, s -> s.getName().equals(name));
    }

    @Override
    public void close() {
        sdk.close();
    }
}

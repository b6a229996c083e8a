package dev.eventstream.benchmarks;

import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.micrometer.MicrometerTelemetry;
import dev.eventstream.opentelemetry.OpenTelemetryTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What telemetry costs an append, on the in-memory adapter, where nothing else hides it: {@code addEvent} on a store
 * without telemetry against the same store with Micrometer meters ({@link MicrometerTelemetry} on a
 * {@link SimpleMeterRegistry}), and with meters and OpenTelemetry spans (every span sampled, batched to an exporter
 * that counts and drops them, as an application exporting to a collector does). One thread; chunks of
 * {@value #CHUNK} appends taken in turn by each side, a new stream per chunk; the median of the rounds' ratios after
 * the warm-up rounds. {@code benchmarks/run.sh --telemetry} runs it.
 */
public final class TelemetryProbe {
    static final int CHUNK = 1_000;

    private TelemetryProbe() {}

    /** One store under test and the time its chunks took in the current round. */
    private static final class Side {
        final String name;
        final DefaultEventStore store;
        long nanos;
        final List<Double> ratios = new ArrayList<>();

        Side(String name, StoreTelemetry telemetry) {
            this.name = name;
            this.store = DefaultEventStore.builder(new InMemoryEventPersistence()).telemetry(telemetry).build();
        }

        void chunk(int number) {
            var stream = store.getEventStream("orders", name + "-" + number);
            long start = System.nanoTime();
            for (int i = 0; i < CHUNK; i++) {
                stream.addEvent("PLACED", Workload.ORDER);
            }
            nanos += System.nanoTime() - start;
        }
    }

    public static void main(String[] args) {
        System.out.println(run(AppendProbe.Settings.fromSystemProperties()));
    }

    /** Every round, then the table of ratios and the count of spans exported. */
    static String run(AppendProbe.Settings settings) {
        AtomicLong exported = new AtomicLong();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(new DroppingExporter(exported)).build()).build();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        MicrometerTelemetry metrics = new MicrometerTelemetry(new SimpleMeterRegistry());
        Side plain = new Side("plain", StoreTelemetry.none());
        List<Side> instrumented = List.of(new Side("metrics", metrics),
                new Side("metrics-and-traces", StoreTelemetry.of(metrics, new OpenTelemetryTracing(otel))));
        List<Side> all = new ArrayList<>(List.of(plain));
        all.addAll(instrumented);
        int chunkNumber = 0;
        for (int round = 0; round < settings.warmupRounds() + settings.rounds(); round++) {
            all.forEach(side -> side.nanos = 0);
            for (int chunk = 0; chunk < settings.chunksPerRound(); chunk++) {
                // Each side goes first, second and last equally often.
                for (int i = 0; i < all.size(); i++) {
                    all.get((chunk + round + i) % all.size()).chunk(chunkNumber++);
                }
            }
            if (round >= settings.warmupRounds()) {
                for (Side side : instrumented) {
                    side.ratios.add((double) side.nanos / plain.nanos);
                }
            }
        }
        all.forEach(side -> side.store.close());
        tracerProvider.close(); // Exports what is still queued.
        return render(instrumented, settings) + String.format(Locale.ROOT, "spans exported: %,d%n", exported.get());
    }

    private static String render(List<Side> instrumented, AppendProbe.Settings settings) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "# addEvent in memory, %d-byte Map payload,"
                + " chunks of %d a side, %d chunks a side per round, %d rounds after %d warm-up rounds%n",
                Workload.ORDER_JSON_BYTES, CHUNK, settings.chunksPerRound(), settings.rounds(),
                settings.warmupRounds()));
        out.append("| telemetry | time per append, instrumented/plain: median | quartiles | range |\n");
        out.append("|---|---|---|---|\n");
        for (Side side : instrumented) {
            double[] ratios = side.ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f to %.3f | %.3f to %.3f |%n", side.name,
                    AppendProbe.median(ratios), AppendProbe.quantile(ratios, 0.25),
                    AppendProbe.quantile(ratios, 0.75), ratios[0], ratios[ratios.length - 1]));
        }
        return out.toString();
    }

    /** Counts the spans it is given and keeps none: the cost of exporting is the collector's, not the store's. */
    private record DroppingExporter(AtomicLong exported) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}

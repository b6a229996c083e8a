package dev.eventstream.benchmarks;

import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading a stream of current-revision events on the in-memory adapter, paired ({@link Paired}): a store built with
 * {@link OrderEvents#TYPES} (which has upcasters, none of which applies to these events) against the same store
 * without types. Both hold the same events. The "library" side of each pair is the store with types, the "raw" side
 * the one without, so the ratio is reads with types over reads without.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TypedReadBenchmarks {
    /** Events in the stream read; a JMH parameter, so a run can choose another length. */
    static final String EVENTS = "1000";

    /** The same stream in both stores, shared by every thread. */
    @State(Scope.Benchmark)
    public static class Stores {
        @Param(EVENTS)
        public int events;

        EventStream typed;
        EventStream untyped;

        @Setup(Level.Trial)
        public void seed() {
            StreamKey key = Workload.newStream("typed-read");
            List<NewEvent> seeded = OrderEvents.currentRevisionEvents(events);
            typed = seed(DefaultEventStore.builder(new InMemoryEventPersistence()).eventTypes(OrderEvents.TYPES)
                    .build().getEventStream(key), seeded);
            untyped = seed(DefaultEventStore.builder(new InMemoryEventPersistence()).build().getEventStream(key),
                    seeded);
        }

        private static EventStream seed(EventStream stream, List<NewEvent> events) {
            for (int from = 0; from < events.size(); from += Limits.MAX_EVENTS_PER_APPEND) {
                stream.append(ExpectedVersion.any(),
                        events.subList(from, Math.min(events.size(), from + Limits.MAX_EVENTS_PER_APPEND)));
            }
            return stream;
        }
    }

    /** {@code getEvents()}, the events counted: no payload looked at. */
    @Benchmark
    public void getEvents(Stores stores, Paired paired, Blackhole blackhole) {
        paired.run(blackhole, () -> stores.typed.getEvents().size(), () -> stores.untyped.getEvents().size());
    }

    /** {@code getEvents()}, then every payload's text: a copy to elsewhere, untyped access on both sides. */
    @Benchmark
    public void getEventsPayloadJson(Stores stores, Paired paired, Blackhole blackhole) {
        paired.run(blackhole, () -> payloadChars(stores.typed), () -> payloadChars(stores.untyped));
    }

    /**
     * {@code getEvents()}, then every event read into its class: {@code event()} with types, {@code payloadAs} of
     * the type's class without, as an application with no registry does it.
     */
    @Benchmark
    public void getEventsDecoded(Stores stores, Paired paired, Blackhole blackhole) {
        paired.run(blackhole, () -> decodeTyped(stores.typed, blackhole::consume),
                () -> decodeUntyped(stores.untyped, blackhole::consume));
    }

    static long payloadChars(EventStream stream) {
        long chars = 0;
        for (RecordedEvent event : stream.getEvents()) {
            chars += event.payloadJson().length();
        }
        return chars;
    }

    static int decodeTyped(EventStream stream, Consumer<Object> sink) {
        List<RecordedEvent> events = stream.getEvents();
        for (RecordedEvent event : events) {
            sink.accept(event.event());
        }
        return events.size();
    }

    static int decodeUntyped(EventStream stream, Consumer<Object> sink) {
        List<RecordedEvent> events = stream.getEvents();
        for (RecordedEvent event : events) {
            sink.accept(event.payloadAs(OrderEvents.classOf(event.eventType())));
        }
        return events.size();
    }
}

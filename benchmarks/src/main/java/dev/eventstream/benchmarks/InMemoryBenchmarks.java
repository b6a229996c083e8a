package dev.eventstream.benchmarks;

import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The in-memory adapter: appends per second, and whole-stream reads per second. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InMemoryBenchmarks {
    /** Events in the stream read; a JMH parameter, so a run can choose another length. */
    static final String READ_EVENTS = "1000";


    /**
     * A new store each iteration: the store keeps every event, so without it the heap (and the time the collector
     * spends on it) would grow with the length of the run.
     */
    @State(Scope.Benchmark)
    public static class Appending {
        DefaultEventStore store;

        @Setup(Level.Iteration)
        public void newStore() {
            store = new DefaultEventStore(new InMemoryEventPersistence());
        }
    }

    /** A thread's own stream in the iteration's store. */
    @State(Scope.Thread)
    public static class Writer {
        EventStream stream;

        @Setup(Level.Iteration)
        public void open(Appending appending) {
            stream = appending.store.getEventStream(Workload.newStream("append"));
        }
    }

    /** A stream of {@link #events} events, shared by every thread. */
    @State(Scope.Benchmark)
    public static class StoredStream {
        @Param(READ_EVENTS)
        public int events;

        EventStream stream;

        @Setup(Level.Trial)
        public void seed() {
            stream = new DefaultEventStore(new InMemoryEventPersistence()).getEventStream(Workload.newStream("read"));
            for (long sequence = 1; sequence <= events; sequence++) {
                stream.addEvent(Workload.type(sequence), Workload.payload(sequence));
            }
        }
    }

    @Benchmark
    public RecordedEvent addEvent(Writer writer) {
        return writer.stream.addEvent("PLACED", Workload.PLACED);
    }

    @Benchmark
    public List<RecordedEvent> getEvents(StoredStream stored) {
        return stored.stream.getEvents();
    }
}

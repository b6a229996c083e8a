package dev.eventstream.benchmarks;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.SnapshotPolicy;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code loadFromHistory()} of a long stream on DynamoDB, paired: through a store that keeps snapshots (the default
 * policy; the "library" side of {@link Paired}) and through one that never does, which folds the whole stream every
 * time (the "raw" side, the baseline here).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DynamoDbHistoryBenchmarks {
    /** Events in the stream loaded; a JMH parameter, so a run can choose another length. */
    static final String EVENTS = "10000";

    /** A stream of {@link #events} events, with a snapshot at its last event. */
    @State(Scope.Benchmark)
    public static class LongStream {
        @Param(EVENTS)
        public int events;

        StreamKey stream;
        EventStream withSnapshots;
        EventStream withoutSnapshots;

        @Setup(Level.Trial)
        public void seed(DynaliteEngine engine) {
            stream = Workload.newStream("history");
            engine.seed(stream, events);
            withSnapshots = engine.store(SnapshotPolicy.DEFAULT).getEventStream(stream);
            withoutSnapshots = engine.store(SnapshotPolicy.NEVER).getEventStream(stream);
            // The first load folds the whole stream and stores the snapshot every later load starts from.
            withSnapshots.loadFromHistory();
        }
    }

    @Benchmark
    public void loadFromHistory(LongStream stream, Paired paired, Blackhole blackhole) {
        paired.run(blackhole, stream.withSnapshots::loadFromHistory, stream.withoutSnapshots::loadFromHistory);
    }
}

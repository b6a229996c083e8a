package dev.eventstream.benchmarks;

import dev.eventstream.api.EventTypes;
import dev.eventstream.api.RecordedEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What reading one stored event costs through {@link EventTypes}, in average time per event: {@code read} (which
 * upcasts) and then {@code event()} (which reads the payload into its class), for an event one upcast step, three
 * steps and a rename away from today's shape, and for one at today's revision; against the decode alone, without
 * types. Each call reads the stored event afresh, as a storage read makes a new event each time, so nothing decoded
 * by an earlier call is kept, and the stored event's payload stays text (nothing here asks for its tree).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UpcastBenchmarks {

    /** One stored event of each shape, shared by every thread; none is ever changed. */
    @State(Scope.Benchmark)
    public static class Stored {
        EventTypes types;
        RecordedEvent oneStep;
        RecordedEvent threeSteps;
        RecordedEvent renamed;
        RecordedEvent current;

        @Setup(Level.Trial)
        public void store() {
            types = OrderEvents.TYPES;
            oneStep = OrderEvents.placedAtRevision1();
            threeSteps = OrderEvents.shippedAtRevision1();
            renamed = OrderEvents.paidUnderOldName();
            current = OrderEvents.placedAtCurrentRevision();
        }
    }

    @Benchmark
    public Object upcastOneStep(Stored stored) {
        return readOne(stored.types, stored.oneStep).event();
    }

    @Benchmark
    public Object upcastThreeSteps(Stored stored) {
        return readOne(stored.types, stored.threeSteps).event();
    }

    @Benchmark
    public Object rename(Stored stored) {
        return readOne(stored.types, stored.renamed).event();
    }

    @Benchmark
    public Object currentRevision(Stored stored) {
        return readOne(stored.types, stored.current).event();
    }

    /** {@code EventTypes.read} alone of a current-revision event: what a read that never decodes pays for types. */
    @Benchmark
    public RecordedEvent currentRevisionReadOnly(Stored stored) {
        return readOne(stored.types, stored.current);
    }

    /** The same decode without types: what an application reading into its class itself pays. */
    @Benchmark
    public Object decodeWithoutTypes(Stored stored) {
        return stored.current.payloadAs(OrderEvents.OrderPlaced.class);
    }

    /**
     * The event read as a storage read gives it: made afresh from the stored fields each call (a read may keep the
     * registry on the event it is given, and its decode with it), then through {@code types}.
     */
    private static RecordedEvent readOne(EventTypes types, RecordedEvent stored) {
        RecordedEvent fresh = RecordedEvent.withPayloadJson(stored.aggregation(), stored.streamId(), stored.sequence(),
                stored.eventId(), stored.eventType(), stored.revision(), stored.payloadJson(), stored.metadata(),
                stored.commitTimestamp());
        List<RecordedEvent> read = types.read(fresh);
        return read.get(0);
    }
}

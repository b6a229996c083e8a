package dev.eventstream.benchmarks;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * Single-event appends on DynamoDB, paired: the library's {@code addEvent} against what an application writes
 * instead ({@link HandWrittenAppends}: a client and an {@code ObjectMapper} of its own, the payload written to JSON
 * on every append, a conditional PutItem of an item with the library's attributes), each side on a client of its
 * own ({@link AppendSides}) and a stream of its own per thread, with the same 200-byte {@code java.util.Map}
 * payload ({@link Workload#ORDER}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DynamoDbAppendBenchmarks {

    /** Both sides' clients, shared by the threads, as an application shares its client. */
    @State(Scope.Benchmark)
    public static class Clients {
        AppendSides sides;

        @Setup(Level.Trial)
        public void open(DynaliteEngine engine) {
            sides = new AppendSides(engine.endpoint());
        }

        @TearDown(Level.Trial)
        public void close() {
            sides.close();
        }
    }

    /** A thread's own streams, one per side, each holding one event when the measurement starts. */
    @State(Scope.Thread)
    public static class Writer {
        EventStream library;
        StreamKey raw;
        long nextRawSequence;

        @Setup(Level.Trial)
        public void open(DynaliteEngine engine, Clients clients) {
            StreamKey libraryStream = Workload.newStream("append-library");
            raw = Workload.newStream("append-raw");
            // A stream's first event goes with its aggregation's marker in a transaction, which dynalite lacks.
            engine.seed(libraryStream, 1);
            engine.seed(raw, 1);
            library = clients.sides.library.getEventStream(libraryStream);
            nextRawSequence = 2;
        }
    }

    @Benchmark
    public void addEvent(Clients clients, Writer writer, Paired paired, Blackhole blackhole) {
        paired.run(blackhole, () -> libraryAddEvent(writer), () -> rawPutItem(clients, writer));
    }

    RecordedEvent libraryAddEvent(Writer writer) {
        return writer.library.addEvent("PLACED", Workload.ORDER);
    }

    PutItemResponse rawPutItem(Clients clients, Writer writer) {
        return clients.sides.raw.append(writer.raw, writer.nextRawSequence++, "PLACED", Workload.ORDER);
    }
}

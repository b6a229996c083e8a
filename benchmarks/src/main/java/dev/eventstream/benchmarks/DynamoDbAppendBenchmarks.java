package dev.eventstream.benchmarks;

import static dev.eventstream.benchmarks.EventItems.TABLE;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.SnapshotPolicy;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Single-event appends on DynamoDB, paired: the library's {@code addEvent} and the raw SDK's conditional PutItem of
 * the same item, each on a stream of its own per thread. The raw side does what the library must do at the least:
 * serialize the payload, give the event an id, sequence and timestamp, and write it on the condition that its
 * position is free.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DynamoDbAppendBenchmarks {

    /** A thread's own streams, one per side, each holding one event when the measurement starts. */
    @State(Scope.Thread)
    public static class Writer {
        EventStream library;
        StreamKey raw;
        long nextRawSequence;

        @Setup(Level.Trial)
        public void open(DynaliteEngine engine) {
            StreamKey libraryStream = Workload.newStream("append-library");
            raw = Workload.newStream("append-raw");
            engine.seed(libraryStream, 1);
            engine.seed(raw, 1);
            library = engine.store(SnapshotPolicy.NEVER).getEventStream(libraryStream);
            nextRawSequence = 2;
        }
    }

    @Benchmark
    public void addEvent(DynaliteEngine engine, Writer writer, Paired paired, Blackhole blackhole) {
        paired.run(blackhole, () -> libraryAddEvent(writer), () -> rawPutItem(engine, writer));
    }

    RecordedEvent libraryAddEvent(Writer writer) {
        return writer.library.addEvent("PLACED", Workload.PLACED);
    }

    PutItemResponse rawPutItem(DynaliteEngine engine, Writer writer) {
        PutItemResponse response = engine.client.putItem(r -> r
                .tableName(TABLE)
                .item(EventItems.event(writer.raw, writer.nextRawSequence, UUID.randomUUID(), "PLACED",
                        Workload.rawJson(Workload.PLACED), System.currentTimeMillis()))
                .conditionExpression(EventItems.POSITION_IS_FREE)
                .expressionAttributeNames(EventItems.POSITION_NAMES)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        writer.nextRawSequence++;
        return response;
    }
}

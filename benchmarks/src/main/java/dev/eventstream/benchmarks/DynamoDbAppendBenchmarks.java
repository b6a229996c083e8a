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
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Single-event appends on DynamoDB: the library's {@code addEvent} against the raw SDK's conditional PutItem of the
 * same item, each thread appending to a stream of its own. The raw side does what the library must do at the
 * least: serialize the payload, give the event an id, sequence and timestamp, and write it on the condition that
 * its position is free.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DynamoDbAppendBenchmarks {

    /** A thread's own stream, holding one event when the measurement starts. */
    @State(Scope.Thread)
    public static class Writer {
        StreamKey stream;
        EventStream libraryStream;
        long nextRawSequence;

        @Setup(Level.Trial)
        public void open(DynaliteEngine engine) {
            stream = Workload.newStream("append");
            engine.seed(stream, 1);
            libraryStream = engine.store(SnapshotPolicy.NEVER).getEventStream(stream);
            nextRawSequence = 2;
        }
    }

    @Benchmark
    public RecordedEvent libraryAddEvent(Writer writer, Requests requests) {
        try {
            return writer.libraryStream.addEvent("PLACED", Workload.PLACED);
        } finally {
            requests.count();
        }
    }

    @Benchmark
    public PutItemResponse rawPutItem(DynaliteEngine engine, Writer writer, Requests requests) {
        try {
            PutItemResponse response = engine.client.putItem(r -> r
                    .tableName(TABLE)
                    .item(EventItems.event(writer.stream, writer.nextRawSequence, UUID.randomUUID(), "PLACED",
                            Workload.rawJson(Workload.PLACED), System.currentTimeMillis()))
                    .conditionExpression(EventItems.POSITION_IS_FREE)
                    .expressionAttributeNames(EventItems.POSITION_NAMES)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            writer.nextRawSequence++;
            return response;
        } finally {
            requests.count();
        }
    }
}

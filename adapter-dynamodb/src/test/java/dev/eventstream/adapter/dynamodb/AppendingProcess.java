package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One writer of {@link DynamoDbWritersInSeveralProcessesIT}, in a JVM of its own with its own persistence. It opens
 * the table, reads the stream, says {@value #READY}, waits for a line on stdin, then appends and prints each
 * outcome on stdout, one line each:
 * <ul>
 *   <li>{@value #COMMITTED} first sequence, the batch's event ids separated by commas</li>
 *   <li>{@value #CONFLICT} expected version, actual version (a {@code WrongExpectedVersionException})</li>
 *   <li>{@value #GAVE_UP} the message of an {@code EventStoreUnavailableException}: the append was not stored</li>
 *   <li>{@value #DONE} then the requests it sent, how many conditional writes failed, the most that failed in
 *   one append, and the longest an append took in milliseconds (a conflict of {@code exact} included)</li>
 * </ul>
 * Appends alternate batches of 1 and 3 events (a PutItem and a transaction), starting with either by the writer's
 * number, so single puts race transactions too.
 *
 * <p>Arguments: DynamoDB endpoint, table, aggregation, stream id, {@code any} or {@code exact}, appends, writer.
 */
public final class AppendingProcess {
    static final String READY = "READY";
    static final String COMMITTED = "COMMITTED";
    static final String CONFLICT = "CONFLICT";
    static final String GAVE_UP = "GAVE_UP";
    static final String DONE = "DONE";

    private final EventStream stream;
    private final int writer;
    private final PrintStream out;

    private AppendingProcess(EventStream stream, int writer, PrintStream out) {
        this.stream = stream;
        this.writer = writer;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String table = args[1];
        boolean exact = switch (args[4]) {
            case "any" -> false;
            case "exact" -> true;
            default -> throw new IllegalArgumentException("mode must be any or exact, was " + args[4]);
        };
        int appends = Integer.parseInt(args[5]);
        int writer = Integer.parseInt(args[6]);
        DynamoDbConfig config = DynamoDbConfig.builder()
                .tableName(table)
                .createTable(false)
                .feedMode(DynamoDbConfig.FeedMode.OFF)
                .clientSettings(EmulatorClients.settings(endpoint))
                .build();
        FailedWrites failedWrites = new FailedWrites();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (DynamoDbClient client = DynamoDbClients.builder(config)
                        .overrideConfiguration(o -> o.addExecutionInterceptor(failedWrites))
                        .build();
                DefaultEventStore store = new DefaultEventStore(new DynamoDbEventPersistence(client, config))) {
            AppendingProcess process = new AppendingProcess(store.getEventStream(args[2], args[3]), writer, out);
            // Read, decide, write: the version this writer starts from; it also warms the client up.
            long version = process.stream.getEvents(0, 1_000).size();
            out.println(READY);
            out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            long mostFailedWrites = 0;
            long longestNanos = 0;
            for (int i = 0; i < appends; i++) {
                List<NewEvent> batch = process.batch(i);
                long failedBefore = failedWrites.failedConditions.get();
                long started = System.nanoTime();
                version = exact ? process.appendExactly(version, batch) : process.appendAny(batch);
                longestNanos = Math.max(longestNanos, System.nanoTime() - started);
                mostFailedWrites = Math.max(mostFailedWrites, failedWrites.failedConditions.get() - failedBefore);
            }
            out.println(DONE + " " + failedWrites.requests.get() + " " + failedWrites.failedConditions.get() + " "
                    + mostFailedWrites + " " + longestNanos / 1_000_000);
            out.flush();
        }
    }

    private List<NewEvent> batch(int append) {
        int size = (append + writer) % 2 == 0 ? 1 : 3;
        return IntStream.range(0, size)
                .mapToObj(i -> NewEvent.of("WRITTEN", Map.of("writer", writer, "append", append, "n", i)))
                .toList();
    }

    private long appendAny(List<NewEvent> batch) {
        try {
            return committed(stream.append(ExpectedVersion.any(), batch));
        } catch (EventStoreUnavailableException e) {
            out.println(GAVE_UP + " " + e.getMessage());
            return -1;
        }
    }

    /** Appends at the version it believes current; when told it is stale, moves to the actual one and tries again. */
    private long appendExactly(long version, List<NewEvent> batch) {
        long current = version;
        while (true) {
            try {
                return committed(stream.append(ExpectedVersion.exactly(current), batch));
            } catch (WrongExpectedVersionException conflict) {
                out.println(CONFLICT + " " + current + " " + conflict.actualVersion());
                current = conflict.actualVersion();
            } catch (EventStoreUnavailableException e) {
                out.println(GAVE_UP + " " + e.getMessage());
                return current;
            }
        }
    }

    private long committed(AppendResult result) {
        List<RecordedEvent> events = result.events();
        out.println(COMMITTED + " " + events.get(0).sequence() + " "
                + events.stream().map(e -> e.eventId().toString()).collect(Collectors.joining(",")));
        return result.version();
    }

    /** Counts the requests and the conditional writes that failed (positions other writers had taken). */
    private static final class FailedWrites implements ExecutionInterceptor {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong failedConditions = new AtomicLong();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            requests.incrementAndGet();
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.exception() instanceof ConditionalCheckFailedException
                    || context.exception() instanceof TransactionCanceledException) {
                failedConditions.incrementAndGet();
            }
        }
    }

    /** A parsed {@value #COMMITTED} line: the batch stored from {@code firstSequence} on, in this order. */
    record Committed(int writer, long firstSequence, List<UUID> eventIds) {
        static Committed parse(int writer, String line) {
            String[] parts = line.split(" ");
            return new Committed(writer, Long.parseLong(parts[1]),
                    java.util.Arrays.stream(parts[2].split(",")).map(UUID::fromString).toList());
        }
    }
}

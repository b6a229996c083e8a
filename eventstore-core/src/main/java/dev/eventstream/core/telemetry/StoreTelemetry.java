package dev.eventstream.core.telemetry;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * What the store tells about its work, for metrics and traces: timed {@link Operation}s (appends, reads, loads,
 * publications, deliveries to subscribers), counts and levels ({@link Meter}), and the AWS requests made on the
 * way ({@link AwsRequest}). The core and the adapters call it; {@code eventstream-micrometer} turns the calls into
 * Micrometer meters, {@code eventstream-opentelemetry} into OpenTelemetry spans, and {@link #of} gives both.
 *
 * <p>The store is built without any ({@link #none()}): then nothing is recorded and no dependency is needed.
 * Implementations are called on the store's hot paths, from many threads: they must be thread-safe, cheap and must
 * not throw. Tag values given to them are always from bounded sets (outcomes, operation names, table, topic, queue
 * and group names), never stream ids or payloads.
 */
public interface StoreTelemetry {

    /**
     * Starts a timed operation, current on the calling thread until it {@linkplain Operation#end(Outcome) ends} (on the
     * same thread): AWS requests made meanwhile belong to it.
     */
    Operation start(OperationStart start);

    /** Adds {@code amount} to the counter {@code meter}; {@code tagValues} follow {@link Meter#tagKeys()}. */
    void count(Meter meter, double amount, String... tagValues);

    /**
     * Reports the level {@code value} reads (called whenever a registry samples it) as the gauge {@code meter},
     * until the returned registration is closed.
     */
    Registration gauge(Meter meter, DoubleSupplier value, String... tagValues);

    /** An AWS request the adapters made, after the SDK's own retries; within the current operation, if any. */
    void awsRequest(AwsRequest request);

    /** Records nothing, at no cost. */
    static StoreTelemetry none() {
        return NoTelemetry.INSTANCE;
    }

    /** Each of {@code parts}, in turn: Micrometer and OpenTelemetry side by side, say. */
    static StoreTelemetry of(StoreTelemetry... parts) {
        List<StoreTelemetry> all = List.of(parts).stream().filter(t -> t != NoTelemetry.INSTANCE).toList();
        return all.isEmpty() ? none() : all.size() == 1 ? all.get(0) : new CombinedTelemetry(all);
    }

    /** Ends a gauge's reporting. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        Registration NONE = () -> { };

        @Override
        void close();
    }
}

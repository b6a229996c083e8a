package dev.eventstream.testkit;

import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StoreTelemetry} that keeps what it is told, for tests: every operation with how it ended, counter totals,
 * the gauges registered now, and the AWS requests. Each operation's {@link Operation#context() context} is a
 * {@code traceparent} header of its own, so a test can follow it into the events an append stores.
 */
public final class RecordingTelemetry implements StoreTelemetry {
    private static final AtomicLong IDS = new AtomicLong();

    private final List<Recorded> operations = new CopyOnWriteArrayList<>();
    private final Map<String, Double> counts = new ConcurrentHashMap<>();
    private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
    private final List<AwsRequest> awsRequests = new CopyOnWriteArrayList<>();

    /** One operation as it started and, once it has, as it ended. */
    public static final class Recorded implements Operation {
        private final OperationStart start;
        private final String traceparent;
        private volatile int events = -1;
        private volatile long version = -1;
        private volatile @Nullable Outcome outcome;
        private volatile @Nullable Throwable failure;

        Recorded(OperationStart start) {
            this.start = start;
            this.traceparent = String.format("00-%032x-%016x-01", IDS.incrementAndGet(), IDS.incrementAndGet());
        }

        public OperationStart start() {
            return start;
        }

        /** The {@code traceparent} header this operation gave as its context. */
        public String traceparent() {
            return traceparent;
        }

        /** The events it reported, or -1 when it reported none. */
        public int events() {
            return events;
        }

        public long version() {
            return version;
        }

        /** How it ended; empty while it runs. */
        public Optional<Outcome> outcome() {
            return Optional.ofNullable(outcome);
        }

        public Optional<Throwable> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public void events(int count) {
            events = count;
        }

        @Override
        public void version(long version) {
            this.version = version;
        }

        @Override
        public Map<String, String> context() {
            return Map.of("traceparent", traceparent);
        }

        @Override
        public void end(Outcome outcome, @Nullable Throwable failure) {
            if (this.outcome != null) {
                throw new IllegalStateException("operation " + start + " ended twice");
            }
            this.failure = failure;
            this.outcome = outcome;
        }

        @Override
        public String toString() {
            return start.kind() + "[" + start.target() + ", " + start.stream() + ", " + outcome + "]";
        }
    }

    @Override
    public Operation start(OperationStart start) {
        Recorded recorded = new Recorded(start);
        operations.add(recorded);
        return recorded;
    }

    @Override
    public void count(Meter meter, double amount, String... tagValues) {
        counts.merge(key(meter, tagValues), amount, Double::sum);
    }

    @Override
    public Registration gauge(Meter meter, DoubleSupplier value, String... tagValues) {
        String key = key(meter, tagValues);
        gauges.put(key, value);
        return () -> gauges.remove(key, value);
    }

    @Override
    public void awsRequest(AwsRequest request) {
        awsRequests.add(request);
    }

    /** Every operation started, in order. */
    public List<Recorded> operations() {
        return List.copyOf(operations);
    }

    /** The operations of {@code kind} started, in order. */
    public List<Recorded> operations(OperationKind kind) {
        List<Recorded> of = new ArrayList<>();
        for (Recorded operation : operations) {
            if (operation.start().kind() == kind) {
                of.add(operation);
            }
        }
        return of;
    }

    /** The total counted on {@code meter} with exactly {@code tagValues}; 0 when nothing was. */
    public double count(Meter meter, String... tagValues) {
        return counts.getOrDefault(key(meter, tagValues), 0.0);
    }

    /** The gauge's value now, when one is registered under {@code meter} and {@code tagValues}. */
    public Optional<Double> gauge(Meter meter, String... tagValues) {
        DoubleSupplier gauge = gauges.get(key(meter, tagValues));
        return gauge == null ? Optional.empty() : Optional.of(gauge.getAsDouble());
    }

    public List<AwsRequest> awsRequests() {
        return List.copyOf(awsRequests);
    }

    private static String key(Meter meter, String... tagValues) {
        return meter.meterName() + "|" + String.join(",", tagValues);
    }
}

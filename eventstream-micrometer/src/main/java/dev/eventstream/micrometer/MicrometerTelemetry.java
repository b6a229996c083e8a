package dev.eventstream.micrometer;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.StoreTelemetry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The store's telemetry as Micrometer meters in a {@link MeterRegistry}; {@code docs/observability.md} lists them.
 *
 * <ul>
 *   <li>Each {@linkplain #start operation} is a {@link io.micrometer.core.instrument.Timer} named
 *       {@link OperationKind#meterName()} ({@code eventstream.append}, ...), tagged {@code outcome} and, for kinds
 *       with a {@linkplain OperationKind#targetTag() target tag}, the target ({@code source=stream}); the events it
 *       reported go to a counter {@code <name>.events} with the same tags. Stream ids are never tags.
 *   <li>{@linkplain #count Counts} are counters and {@linkplain #gauge levels} gauges named
 *       {@link Meter#meterName()}, with the meter's unit, description and tag keys.
 *   <li>{@linkplain #awsRequest AWS requests} move {@code eventstream.aws.requests}, {@code eventstream.aws.retries}
 *       (attempts beyond the first), {@code eventstream.aws.throttles} and
 *       {@code eventstream.dynamodb.consumed.capacity}.
 * </ul>
 *
 * <p>Timers publish count, total and maximum only, no percentiles and no histogram: what a registry stores per
 * series is the application's choice. Configure it with a {@link MeterFilter} added to the registry before the
 * store's first operation (meters are registered, and filters applied, as operations first end):
 *
 * <pre>{@code
 * registry.config().meterFilter(new MeterFilter() {
 *     public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
 *         return id.getName().startsWith("eventstream.")
 *                 ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
 *                 : config;
 *     }
 * });
 * }</pre>
 *
 * <p>Meters are cached: once an operation kind, target and outcome (or a counter's tag values) have occurred, timing
 * and counting them builds no tags and asks the registry nothing: an operation costs one small object, two reads of
 * the registry's {@linkplain Clock#monotonicTime() clock}, a timer record and a counter increment.
 *
 * <p>No method throws. Tag values that do not fit a meter's keys (a different number of them, or a null) are a
 * caller's mistake: the call is skipped and the mistake logged once at WARN, rather than the meter registered with
 * made-up or missing tags, which would give it tag keys other meters of its name lack. A gauge meter counted, a
 * counter meter given a level, or a negative amount are skipped the same way. A registry that fails (a throwing
 * {@link MeterFilter}) costs the metric, logged once, never the store's work.
 *
 * <p>Give one instance per registry to all the stores and adapters of a process. Gauges of the same name and tags
 * registered through it (two stores reporting {@code eventstream.publication.pending}) are one gauge reading all of
 * them, summed, or the greatest for the lag gauges, and closing one registration leaves the others reported. Two
 * instances on one registry share its timers and counters, but not their gauges: Micrometer keeps the first gauge
 * of an id, and closing it in either instance removes it.
 */
public final class MicrometerTelemetry implements StoreTelemetry {
    private final MeterRegistry registry;
    private final Tags commonTags;
    private final Clock clock;
    private final Warnings warnings = new Warnings();
    private final KindMeters[] operations; // By OperationKind ordinal.
    private final MeterCounters[] counters; // By Meter ordinal; null for gauges.
    private final SharedGauges gauges;

    /** Meters in {@code registry}, tagged only as {@code docs/observability.md} says. */
    public MicrometerTelemetry(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * Meters in {@code registry} with {@code commonTags} added to each ({@code Tags.of("store", "orders")}), say to
     * tell two stores of one process apart. Tags for every meter of the registry are better set on it:
     * {@code registry.config().commonTags(...)}.
     */
    public MicrometerTelemetry(MeterRegistry registry, Iterable<Tag> commonTags) {
        this.registry = requireNonNull(registry, "registry is null");
        this.commonTags = Tags.of(requireNonNull(commonTags, "commonTags is null"));
        this.clock = registry.config().clock();
        OperationKind[] kinds = OperationKind.values();
        this.operations = new KindMeters[kinds.length];
        for (OperationKind kind : kinds) {
            operations[kind.ordinal()] = new KindMeters(registry, kind, this.commonTags);
        }
        Meter[] meters = Meter.values();
        this.counters = new MeterCounters[meters.length];
        for (Meter meter : meters) {
            if (meter.type() == Meter.Type.COUNTER) {
                counters[meter.ordinal()] = new MeterCounters(registry, this.commonTags, meter, warnings);
            }
        }
        this.gauges = new SharedGauges(registry);
    }

    /** The registry the meters are in: for {@link MetricsSummary#of}, say. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public Operation start(OperationStart start) {
        try {
            return new TimedOperation(operations[start.kind().ordinal()].of(start.target()), clock, warnings);
        } catch (RuntimeException e) {
            warnings.once("start", "Not timed: starting an operation failed", e);
            return Operation.NONE;
        }
    }

    @Override
    public void count(Meter meter, double amount, String... tagValues) {
        // Null checks and the catch below are defensive: a caller's mistake costs a metric, never the store's work.
        try {
            MeterCounters meterCounters = meter == null ? null : counters[meter.ordinal()];
            if (meterCounters == null) {
                warnings.once("count:" + meter, "Not counted: {} is no counter", meter);
                return;
            }
            if (!(amount >= 0)) {
                warnings.once("amount:" + meter, "Not counted: {} was given {}", meter, amount);
                return;
            }
            Counter counter = meterCounters.counter(tagValues);
            if (counter != null) {
                counter.increment(amount);
            }
        } catch (RuntimeException e) {
            warnings.once("count failed:" + meter, "Counting {} failed", meter, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The registration holds {@code value} strongly until it is closed: the store's suppliers are often lambdas
     * nothing else references.
     */
    @Override
    public Registration gauge(Meter meter, DoubleSupplier value, String... tagValues) {
        try {
            if (meter == null || value == null || meter.type() != Meter.Type.GAUGE) {
                warnings.once("gauge:" + meter, "Not reported: {} is no gauge, or its value is null", meter);
                return Registration.NONE;
            }
            Tags tags = MeterTags.of(commonTags, meter, tagValues);
            if (tags == null) {
                warnings.once("tags:" + meter.meterName(), "Not reported: {} takes tag values for {}, was given {}",
                        meter.meterName(), meter.tagKeys(), tagValues == null ? null : List.of(tagValues));
                return Registration.NONE;
            }
            Registration registration = gauges.register(meter, tags, value);
            return () -> {
                try {
                    registration.close();
                } catch (RuntimeException e) {
                    warnings.once("close:" + meter, "Removing the gauge {} failed", meter, e);
                }
            };
        } catch (RuntimeException e) {
            warnings.once("gauge failed:" + meter, "Registering the gauge {} failed", meter, e);
            return Registration.NONE;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>DynamoDB's capacity goes to each table in {@link AwsRequest#resources()} when there is one value per table.
     * Otherwise (one total for a request on several tables, or capacity with no table named) the total is counted
     * under {@code table=*}: a table's share is not guessed.
     */
    @Override
    public void awsRequest(AwsRequest request) {
        try {
            String service = request.service();
            String operation = request.operation();
            count(Meter.AWS_REQUESTS, 1, service, operation, request.outcome());
            if (request.attempts() > 1) {
                count(Meter.AWS_RETRIES, request.attempts() - 1, service, operation);
            }
            if (request.throttleReason() != null) {
                count(Meter.AWS_THROTTLES, 1, service, operation, request.throttleReason());
            }
            countCapacity(request);
        } catch (RuntimeException e) {
            warnings.once("aws", "Recording an AWS request failed", e);
        }
    }

    private void countCapacity(AwsRequest request) {
        List<Double> capacity = request.consumedCapacity();
        List<String> tables = request.resources();
        if (capacity.isEmpty()) {
            return;
        }
        if (capacity.size() == tables.size()) {
            for (int i = 0; i < tables.size(); i++) {
                countCapacity(request.operation(), tables.get(i), capacity.get(i));
            }
        } else {
            countCapacity(request.operation(), "*", request.totalCapacity());
        }
    }

    private void countCapacity(String operation, String table, double units) {
        if (units > 0) { // Zero is nothing to count; NaN is nothing DynamoDB reports.
            count(Meter.DYNAMODB_CAPACITY, units, operation, table);
        }
    }

    @Override
    public String toString() {
        return "MicrometerTelemetry[" + registry.getClass().getSimpleName() + ", " + commonTags + "]";
    }
}

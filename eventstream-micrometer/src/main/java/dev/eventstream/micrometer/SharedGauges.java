package dev.eventstream.micrometer;

import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.StoreTelemetry.Registration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * The gauges of one telemetry, each shared by every registration of its name and tags. Micrometer keeps one gauge
 * per id and hands the first back to later registrations, so two stores of one process reporting the same level
 * would otherwise see only the first store's value, and the first store closing would remove the second's gauge.
 * Here the gauge reads all its live registrations together (their sum, or the greatest of them for lags) and is
 * removed from the registry when the last one closes.
 */
final class SharedGauges {
    private final MeterRegistry registry;
    private final Map<Key, Levels> gauges = new HashMap<>();

    SharedGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Reports {@code value} as {@code meter} with {@code tags} until the registration is closed. */
    Registration register(Meter meter, Tags tags, DoubleSupplier value) {
        Key key = new Key(meter.meterName(), tags);
        Entry entry = new Entry(value);
        synchronized (gauges) {
            Levels levels = gauges.get(key);
            if (levels == null) {
                levels = new Levels(isAge(meter));
                // Strong: the store's suppliers are lambdas nothing else holds; weakly held, they would be
                // collected and the gauge would read NaN while the store still runs.
                levels.gauge = Gauge.builder(meter.meterName(), levels, Levels::value)
                        .description(meter.description())
                        .baseUnit(meter.baseUnit())
                        .tags(tags)
                        .strongReference(true)
                        .register(registry);
                gauges.put(key, levels);
            }
            levels.entries.add(entry);
            Levels registered = levels;
            return () -> release(key, registered, entry);
        }
    }

    private void release(Key key, Levels levels, Entry entry) {
        if (!entry.closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (gauges) {
            levels.entries.remove(entry);
            if (levels.entries.isEmpty() && gauges.get(key) == levels) {
                gauges.remove(key);
                registry.remove(levels.gauge);
            }
        }
    }

    /** Ages are not added up: two instances 5 seconds behind are 5 seconds behind, not 10. */
    private static boolean isAge(Meter meter) {
        return meter == Meter.SUBSCRIPTION_LAG || meter == Meter.INDEXER_LAG;
    }

    private record Key(String name, Tags tags) {}

    /** One registration; compared by identity, so that the same supplier registered twice counts twice. */
    private static final class Entry {
        final DoubleSupplier value;
        final AtomicBoolean closed = new AtomicBoolean();

        Entry(DoubleSupplier value) {
            this.value = value;
        }
    }

    /** The live registrations of one gauge, read when the registry samples it. */
    private static final class Levels {
        final boolean greatest;
        final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();
        Gauge gauge;

        Levels(boolean greatest) {
            this.greatest = greatest;
        }

        double value() {
            double combined = Double.NaN;
            for (Entry entry : entries) {
                double level;
                try {
                    level = entry.value.getAsDouble();
                } catch (RuntimeException e) {
                    continue; // One store's failing supplier must not hide the others' levels.
                }
                if (Double.isNaN(combined)) {
                    combined = level;
                } else {
                    combined = greatest ? Math.max(combined, level) : combined + level;
                }
            }
            return combined;
        }
    }
}

package dev.eventstream.micrometer;

import dev.eventstream.core.telemetry.Meter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The counters of one {@link Meter}, one per combination of tag values. Found by the values themselves, so that a
 * count builds no {@link Tags} and asks the registry nothing once its counter exists.
 */
final class MeterCounters {
    // The key of a meter without tags; a single value is its own key, several are wrapped.
    private static final Object NO_VALUES = new Object();

    private final MeterRegistry registry;
    private final Tags common;
    private final Meter meter;
    private final Warnings warnings;
    private final ConcurrentHashMap<Object, Counter> counters = new ConcurrentHashMap<>();

    MeterCounters(MeterRegistry registry, Tags common, Meter meter, Warnings warnings) {
        this.registry = registry;
        this.common = common;
        this.meter = meter;
        this.warnings = warnings;
    }

    /** The counter of {@code values}, or null (logged once) when they do not fit the meter's tag keys. */
    @Nullable Counter counter(String @Nullable [] values) {
        if (values == null || values.length == 1 && values[0] == null) {
            return misfit(values);
        }
        Object key = switch (values.length) {
            case 0 -> NO_VALUES;
            case 1 -> values[0];
            default -> new Values(values);
        };
        Counter counter = counters.get(key);
        return counter != null ? counter : register(values);
    }

    private @Nullable Counter register(String[] values) {
        Tags tags = MeterTags.of(common, meter, values);
        if (tags == null) {
            return misfit(values);
        }
        // The key keeps a copy: the caller's varargs array is theirs to reuse.
        Object key = values.length == 0 ? NO_VALUES : values.length == 1 ? values[0] : new Values(values.clone());
        return counters.computeIfAbsent(key, k -> Counter.builder(meter.meterName())
                .description(meter.description())
                .baseUnit(meter.baseUnit())
                .tags(tags)
                .register(registry));
    }

    private @Nullable Counter misfit(String @Nullable [] values) {
        warnings.once("tags:" + meter.meterName(), "Not counted: {} takes tag values for {}, was given {}",
                meter.meterName(), meter.tagKeys(), values == null ? null : Arrays.asList(values));
        return null;
    }

    /** Several tag values as a map key. */
    private static final class Values {
        private final String[] values;
        private final int hash;

        Values(String[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Values that && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}

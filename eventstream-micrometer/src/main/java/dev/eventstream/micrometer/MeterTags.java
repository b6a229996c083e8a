package dev.eventstream.micrometer;

import dev.eventstream.core.telemetry.Meter;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The tags of a {@link Meter}: its keys zipped with the values a caller gave. */
final class MeterTags {
    private MeterTags() {}

    /**
     * {@code common} and {@code meter}'s keys with {@code values}, or null when the values do not fit the keys (a
     * different number of them, or a null among them): padding or truncating would register the meter with tag keys
     * other meters of its name lack, which some registries (Prometheus) refuse.
     */
    static @Nullable Tags of(Tags common, Meter meter, String @Nullable [] values) {
        List<String> keys = meter.tagKeys();
        if (values == null || values.length != keys.size()) {
            return null;
        }
        Tags tags = common;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                return null;
            }
            tags = tags.and(keys.get(i), values[i]);
        }
        return tags;
    }
}

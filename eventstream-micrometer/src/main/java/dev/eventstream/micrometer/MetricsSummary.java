package dev.eventstream.micrometer;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The store's meters in a registry as a short table for people, one meter a line: name, tags, and its count, mean
 * and maximum (timers) or value (counters, gauges). Only meters named {@code eventstream.*}, sorted by name then
 * tags; counters and timers that have counted nothing are left out. For a quick look, a test or a demo's last
 * words; dashboards read the registry.
 *
 * <pre>
 * eventstream.append         outcome=committed  count=3  mean=41.2 µs  max=95.0 µs
 * eventstream.append.events  outcome=committed  5
 * eventstream.snapshots      result=miss        1
 * </pre>
 */
public final class MetricsSummary {
    private static final String PREFIX = "eventstream.";
    private static final String GAP = "  ";

    private MetricsSummary() {}

    /** The table, lines separated by {@code \n} with none after the last; a line saying so when there is nothing. */
    public static String of(MeterRegistry registry) {
        requireNonNull(registry, "registry is null");
        List<Line> lines = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith(PREFIX)) {
                String value = value(meter);
                if (value != null) {
                    lines.add(new Line(meter.getId().getName(), tags(meter), value));
                }
            }
        }
        if (lines.isEmpty()) {
            return "no eventstream.* meters";
        }
        lines.sort(Comparator.comparing(Line::name).thenComparing(Line::tags));
        int nameWidth = lines.stream().mapToInt(line -> line.name().length()).max().orElse(0);
        int tagsWidth = lines.stream().mapToInt(line -> line.tags().length()).max().orElse(0);
        return lines.stream()
                .map(line -> pad(line.name(), nameWidth) + GAP
                        + (tagsWidth == 0 ? "" : pad(line.tags(), tagsWidth) + GAP) + line.value())
                .collect(Collectors.joining("\n"));
    }

    private record Line(String name, String tags, String value) {}

    private static String tags(Meter meter) {
        return meter.getId().getTags().stream()
                .map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(" "));
    }

    /** What the line tells of {@code meter}, or null to leave it out. */
    private static @Nullable String value(Meter meter) {
        String unit = unit(meter);
        if (meter instanceof Timer timer) {
            return timer.count() == 0 ? null : "count=" + timer.count()
                    + GAP + "mean=" + duration(timer.mean(TimeUnit.NANOSECONDS))
                    + GAP + "max=" + duration(timer.max(TimeUnit.NANOSECONDS));
        }
        if (meter instanceof Counter counter) {
            return counter.count() == 0 ? null : number(counter.count()) + unit;
        }
        if (meter instanceof FunctionCounter counter) {
            return counter.count() == 0 ? null : number(counter.count()) + unit;
        }
        if (meter instanceof Gauge gauge) {
            return number(gauge.value()) + unit;
        }
        // Anything else a registry holds under the name: its measurements as they are.
        return StreamSupport.stream(meter.measure().spliterator(), false)
                .map(m -> m.getStatistic().getTagValueRepresentation() + "=" + number(m.getValue()))
                .collect(Collectors.joining(GAP));
    }

    /** The unit after a value, unless the name already says it ({@code eventstream.append.events}). */
    private static String unit(Meter meter) {
        String unit = meter.getId().getBaseUnit();
        return unit == null || meter.getId().getName().endsWith("." + unit) ? "" : " " + unit;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String fixed = String.format(Locale.ROOT, "%.3f", value);
        return fixed.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String duration(double nanos) {
        if (nanos < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.1f \u00b5s", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}

package dev.eventstream.micrometer;

import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The timer and the events counter of one operation kind and target, per outcome. Each is registered the first time
 * an operation ends with its outcome, so that a registry shows no {@code committed} reads; after that, ending an
 * operation is an array read.
 */
final class OperationMeters {
    static final String OUTCOME = "outcome";
    private static final int OUTCOMES = Outcome.values().length;

    private final MeterRegistry registry;
    private final OperationKind kind;
    private final Tags tags;
    // Filled as outcomes occur; a race registers the same meter twice, and Micrometer returns the first.
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(OUTCOMES);
    private final AtomicReferenceArray<Counter> events = new AtomicReferenceArray<>(OUTCOMES);

    OperationMeters(MeterRegistry registry, OperationKind kind, Tags tags) {
        this.registry = registry;
        this.kind = kind;
        this.tags = tags;
    }

    /** Records an operation that took {@code nanos}, with its {@code eventCount}, or none when negative. */
    void record(Outcome outcome, long nanos, int eventCount) {
        timer(outcome).record(nanos, TimeUnit.NANOSECONDS);
        if (eventCount >= 0) {
            events(outcome).increment(eventCount);
        }
    }

    private Timer timer(Outcome outcome) {
        Timer timer = timers.get(outcome.ordinal());
        if (timer == null) {
            timer = Timer.builder(kind.meterName())
                    .description(Descriptions.timer(kind))
                    .tags(tags)
                    .tag(OUTCOME, outcome.tag())
                    .register(registry);
            timers.set(outcome.ordinal(), timer);
        }
        return timer;
    }

    private Counter events(Outcome outcome) {
        Counter counter = events.get(outcome.ordinal());
        if (counter == null) {
            counter = Counter.builder(kind.meterName() + ".events")
                    .description(Descriptions.events(kind))
                    .baseUnit("events")
                    .tags(tags)
                    .tag(OUTCOME, outcome.tag())
                    .register(registry);
            events.set(outcome.ordinal(), counter);
        }
        return counter;
    }
}

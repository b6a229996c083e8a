package dev.eventstream.micrometer;

import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.Outcome;
import io.micrometer.core.instrument.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One operation being timed: its start on the registry's clock and the events it reported. An operation lives on
 * one thread (the port says so), so its fields need no synchronization.
 */
final class TimedOperation implements Operation {
    private final OperationMeters meters;
    private final Clock clock;
    private final Warnings warnings;
    private final long startedAt;
    private int events = -1;
    private boolean ended;

    TimedOperation(OperationMeters meters, Clock clock, Warnings warnings) {
        this.meters = meters;
        this.clock = clock;
        this.warnings = warnings;
        this.startedAt = clock.monotonicTime();
    }

    @Override
    public void events(int count) {
        events = count;
    }

    @Override
    public void version(long version) {
        // A version is no metric: only traces keep it.
    }

    @Override
    public Map<String, String> context() {
        return Map.of();
    }

    @Override
    public void end(@Nullable Outcome outcome, @Nullable Throwable failure) {
        if (ended) {
            return; // Ended twice by mistake: the operation counts once.
        }
        ended = true;
        if (outcome == null) {
            warnings.once("outcome", "Not recorded: an operation ended without an outcome");
            return;
        }
        try {
            meters.record(outcome, clock.monotonicTime() - startedAt, events);
        } catch (RuntimeException e) {
            warnings.once("record:" + outcome, "Recording an operation failed", e);
        }
    }
}

package dev.eventstream.micrometer;

import dev.eventstream.core.telemetry.OperationKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The meters of one operation kind: one set, or one per target for kinds that tag theirs. */
final class KindMeters {
    private final MeterRegistry registry;
    private final OperationKind kind;
    private final Tags common;
    private final @Nullable OperationMeters untargeted;
    private final ConcurrentHashMap<String, OperationMeters> byTarget = new ConcurrentHashMap<>();

    KindMeters(MeterRegistry registry, OperationKind kind, Tags common) {
        this.registry = registry;
        this.kind = kind;
        this.common = common;
        this.untargeted = kind.targetTag() == null ? new OperationMeters(registry, kind, common) : null;
    }

    /** The meters of operations on {@code target}; found without allocating once they exist. */
    OperationMeters of(String target) {
        if (untargeted != null) {
            return untargeted;
        }
        OperationMeters meters = byTarget.get(target);
        if (meters != null) {
            return meters;
        }
        // Targets come from bounded sets (sources, topics, queues, groups), so the map stays small.
        return byTarget.computeIfAbsent(target,
                t -> new OperationMeters(registry, kind, common.and(kind.targetTag(), t)));
    }
}

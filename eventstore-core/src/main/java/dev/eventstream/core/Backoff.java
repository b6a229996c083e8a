package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Exponential backoff: the wait after the n-th failure in a row is the first wait doubled n - 1 times, never longer
 * than the longest wait. The one exponential backoff of the store and its adapters (a DynamoDB {@code any()} append
 * that lost a race waits less, not more, the longer it has waited: see its retry).
 */
public final class Backoff {
    private final long firstNanos;
    private final long maxNanos;

    /**
     * @throws IllegalArgumentException when a wait is not positive or {@code max} is shorter than {@code first}
     */
    public Backoff(Duration first, Duration max) {
        this.firstNanos = positiveNanos(first, "first");
        this.maxNanos = positiveNanos(max, "max");
        if (maxNanos < firstNanos) {
            throw new IllegalArgumentException("max must not be shorter than first, was " + max + " < " + first);
        }
    }

    /** The wait after {@code failures} failures in a row (at least 1). */
    public Duration delay(int failures) {
        return Duration.ofNanos(delayNanos(failures));
    }

    private long delayNanos(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, was " + failures);
        }
        // Doubling stops at max before it could overflow.
        long delay = firstNanos;
        for (int i = 1; i < failures && delay < maxNanos; i++) {
            delay = delay > maxNanos / 2 ? maxNanos : delay * 2;
        }
        return Math.min(delay, maxNanos);
    }

    private static long positiveNanos(Duration value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        if (value.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException(name + " must be at most a year, was " + value);
        }
        return value.toNanos();
    }

    @Override
    public String toString() {
        return "Backoff[" + Duration.ofNanos(firstNanos) + " doubling to " + Duration.ofNanos(maxNanos) + "]";
    }
}

package dev.eventstream.core;

import java.time.Duration;

/**
 * Port: named leases, so that of all the processes sharing a store, one at a time does a job (index the feed,
 * deliver to a consumer group). Thread-safe.
 *
 * <p>No clocks are compared across processes: a lease held by another owner is taken over only once this process
 * has seen it go un-renewed for the lease's duration, by its own clock. A holder renews well within the duration;
 * one that could not (a long pause) learns it lost the lease from its next {@link #tryAcquire}. Jobs must therefore
 * stay safe for the short time two processes may both believe they hold a lease: the feed's writes are
 * conditional, and consumer groups deliver at least once.
 */
public interface LeaseStore {

    /**
     * Takes the lease {@code name} for {@code owner} when it is free, already {@code owner}'s (a renewal), or was
     * not renewed by its holder for {@code duration} as this process has observed; otherwise leaves it.
     *
     * @param duration how long a holder may go without renewing before others take over, at least 1 second
     * @return whether {@code owner} holds the lease now
     */
    boolean tryAcquire(String name, String owner, Duration duration);

    /** Gives the lease up when {@code owner} holds it, so that another may take it at once; harmless otherwise. */
    void release(String name, String owner);
}

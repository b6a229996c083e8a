package dev.eventstream.adapter.inmemory;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.LeaseStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The leases of an {@link InMemoryEventPersistence}. Every store on the persistence shares them and its one
 * {@link Clock}, so "not renewed for its duration" is judged by that clock: a test moves it to let a lease expire.
 */
final class InMemoryLeaseStore implements LeaseStore {
    private record Lease(String owner, Instant renewedAt, Duration duration) {}

    private final Clock clock;
    private final Map<String, Lease> leases = new HashMap<>();

    InMemoryLeaseStore(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized boolean tryAcquire(String name, String owner, Duration duration) {
        requireNonNull(name, "name is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(duration, "duration is null");
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("duration must be at least 1 second, was " + duration);
        }
        Instant now = clock.instant();
        Lease lease = leases.get(name);
        // The holder's own duration decides when it counts as gone, as it promised to renew within it.
        boolean free = lease == null || lease.owner().equals(owner)
                || !now.isBefore(lease.renewedAt().plus(lease.duration()));
        if (free) {
            leases.put(name, new Lease(owner, now, duration));
        }
        return free;
    }

    @Override
    public synchronized void release(String name, String owner) {
        Lease lease = leases.get(name);
        if (lease != null && lease.owner().equals(owner)) {
            leases.remove(name);
        }
    }
}

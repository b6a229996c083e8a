package dev.eventstream.adapter.dynamodb;

import dev.eventstream.core.LeaseStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Test double of the lease store: a map with the rule of the real one. A lease is taken when free, renewed by its
 * owner (a new version each time), and taken over by another only once that other has seen the same version for
 * the lease's duration by the clock. Thread-safe.
 */
final class FakeLeaseStore implements LeaseStore {
    private record Lease(String owner, UUID version, Duration duration) {}

    private record Seen(UUID version, long atMillis) {}

    private final Clock clock;
    private final Map<String, Lease> leases = new HashMap<>();
    /** What each owner last saw of each lease: lease name + owner -> version and when first seen. */
    private final Map<String, Seen> seen = new HashMap<>();

    FakeLeaseStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean tryAcquire(String name, String owner, Duration duration) {
        Lease current = leases.get(name);
        long now = clock.millis();
        if (current != null && !current.owner().equals(owner)) {
            Seen last = seen.get(name + "\u0000" + owner);
            if (last == null || !last.version().equals(current.version())) {
                seen.put(name + "\u0000" + owner, new Seen(current.version(), now));
                return false;
            }
            if (now - last.atMillis() < current.duration().toMillis()) {
                return false;
            }
        }
        leases.put(name, new Lease(owner, UUID.randomUUID(), duration));
        return true;
    }

    @Override
    public synchronized void release(String name, String owner) {
        Lease current = leases.get(name);
        if (current != null && current.owner().equals(owner)) {
            leases.remove(name);
        }
    }

    /** The owner of lease {@code name}, null when free. */
    synchronized @Nullable String holder(String name) {
        Lease current = leases.get(name);
        return current == null ? null : current.owner();
    }
}

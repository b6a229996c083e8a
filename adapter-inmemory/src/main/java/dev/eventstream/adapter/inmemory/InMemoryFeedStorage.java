package dev.eventstream.adapter.inmemory;

import dev.eventstream.core.CheckpointStore;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.core.LeaseStore;
import dev.eventstream.core.ParkedEntryStore;
import java.time.Clock;

/** The feed of an {@link InMemoryEventPersistence} and what its consumer groups keep beside it. */
final class InMemoryFeedStorage implements FeedStorage {
    private final InMemoryFeed entries = new InMemoryFeed();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryLeaseStore leases;
    private final InMemoryParkedEntryStore parked = new InMemoryParkedEntryStore();

    InMemoryFeedStorage(Clock clock) {
        this.leases = new InMemoryLeaseStore(clock);
    }

    @Override
    public InMemoryFeed entries() {
        return entries;
    }

    @Override
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    @Override
    public LeaseStore leases() {
        return leases;
    }

    @Override
    public ParkedEntryStore parked() {
        return parked;
    }

    @Override
    public String toString() {
        return "InMemoryFeedStorage[" + entries.head() + " entries]";
    }
}

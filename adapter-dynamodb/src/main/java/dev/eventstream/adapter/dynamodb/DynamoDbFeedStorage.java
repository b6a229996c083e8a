package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.CheckpointStore;
import dev.eventstream.core.EventFeed;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.core.LeaseStore;
import dev.eventstream.core.ParkedEntryStore;

/**
 * The feed of a {@link DynamoDbEventPersistence} and what its consumers keep beside it, all in the feed table, plus
 * the chunks and the advance signal the indexer writes and calls (package-private: the indexer is this package's).
 */
final class DynamoDbFeedStorage implements FeedStorage {
    private final DynamoDbFeedChunks chunks;
    private final DynamoDbEventFeed entries;
    private final DynamoDbCheckpoints checkpoints;
    private final DynamoDbLeases leases;
    private final DynamoDbParkedEntries parked;

    DynamoDbFeedStorage(DynamoDbFeedChunks chunks, DynamoDbEventFeed entries, DynamoDbCheckpoints checkpoints,
            DynamoDbLeases leases, DynamoDbParkedEntries parked) {
        this.chunks = requireNonNull(chunks, "chunks is null");
        this.entries = requireNonNull(entries, "entries is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.leases = requireNonNull(leases, "leases is null");
        this.parked = requireNonNull(parked, "parked is null");
    }

    @Override
    public EventFeed entries() {
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

    /** The chunks, as the indexer writes them. */
    FeedChunks chunks() {
        return chunks;
    }

    /** Wakes this process's readers waiting at the feed's end; the indexer calls it after each chunk it wrote. */
    void advanced() {
        entries.advanced();
    }

    @Override
    public String toString() {
        return "DynamoDbFeedStorage[table=" + chunks.tableName() + "]";
    }
}

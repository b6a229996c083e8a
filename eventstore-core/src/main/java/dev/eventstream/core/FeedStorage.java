package dev.eventstream.core;

/**
 * Port: what a persistence keeps for the feed and its consumers, obtained from {@link EventPersistence#feed()}.
 * Every part is shared by the processes that share the persistence's storage.
 */
public interface FeedStorage {

    /** The feed of committed events. */
    EventFeed entries();

    /** Consumer groups' checkpoints. */
    CheckpointStore checkpoints();

    /** Leases for the jobs one process at a time does. */
    LeaseStore leases();

    /** Entries consumer groups parked. */
    ParkedEntryStore parked();
}

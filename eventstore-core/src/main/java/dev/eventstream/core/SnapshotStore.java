package dev.eventstream.core;

import dev.eventstream.api.StreamKey;
import java.util.Optional;

/**
 * Port: keeps at most one {@link Snapshot} per stream, and one {@link StateSnapshot} per stream and name.
 * Optional for adapters ({@link EventPersistence#snapshots()}); thread-safe.
 *
 * <p>Snapshots are a cache: the store checks every snapshot against the stream before using it, so a missing,
 * outdated or unreadable snapshot only costs speed, never correctness.
 */
public interface SnapshotStore {

    /**
     * The stream's latest snapshot.
     *
     * @return empty when there is none, or when the stored one cannot be read (an implementation logs why)
     */
    Optional<Snapshot> load(StreamKey stream);

    /**
     * Stores {@code snapshot} as the stream's latest, unless a snapshot at a later sequence is already stored.
     * May silently skip a snapshot too large for the storage.
     */
    void save(StreamKey stream, Snapshot snapshot);

    /**
     * The stream's latest snapshot of the fold state named {@code name}; the seed's snapshot ({@link #load}) and
     * every named state are kept apart.
     *
     * @return empty when there is none, or when the stored one cannot be read (an implementation logs why)
     */
    Optional<StateSnapshot> loadState(StreamKey stream, String name);

    /**
     * Stores {@code snapshot} as the latest of its name for the stream, unless one of that name at a later sequence
     * is already stored with the same state version; one of another state
     * version is replaced. May silently skip a snapshot
     * too large for the storage.
     */
    void saveState(StreamKey stream, StateSnapshot snapshot);
}

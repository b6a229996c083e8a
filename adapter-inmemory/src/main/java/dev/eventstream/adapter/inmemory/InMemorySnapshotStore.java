package dev.eventstream.adapter.inmemory;

import dev.eventstream.api.History;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.Snapshot;
import dev.eventstream.core.SnapshotStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The latest snapshot of each stream of an {@link InMemoryEventPersistence}, held as a private copy. */
final class InMemorySnapshotStore implements SnapshotStore {
    private final ConcurrentMap<StreamKey, Snapshot> latest = new ConcurrentHashMap<>();

    @Override
    public Optional<Snapshot> load(StreamKey stream) {
        return Optional.ofNullable(latest.get(stream)).map(InMemorySnapshotStore::copyOf);
    }

    @Override
    public void save(StreamKey stream, Snapshot snapshot) {
        latest.merge(stream, copyOf(snapshot),
                (stored, offered) -> offered.sequence() >= stored.sequence() ? offered : stored);
    }

    private static Snapshot copyOf(Snapshot snapshot) {
        History history = snapshot.history();
        return new Snapshot(new History(history.commitTimestamp(), history.sequence(), history.eventTypes(),
                history.payload().deepCopy()), snapshot.lastEventId());
    }
}

package dev.eventstream.adapter.inmemory;

import dev.eventstream.api.History;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.Snapshot;
import dev.eventstream.core.SnapshotStore;
import dev.eventstream.core.StateSnapshot;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest snapshot of each stream of an {@link InMemoryEventPersistence}, held as a private copy, and the latest
 * state snapshot of each stream and name (immutable, its state held as JSON text).
 */
final class InMemorySnapshotStore implements SnapshotStore {
    private final ConcurrentMap<StreamKey, Snapshot> latest = new ConcurrentHashMap<>();
    private final ConcurrentMap<StateKey, StateSnapshot> states = new ConcurrentHashMap<>();

    private record StateKey(StreamKey stream, String name) {}

    @Override
    public Optional<Snapshot> load(StreamKey stream) {
        return Optional.ofNullable(latest.get(stream)).map(InMemorySnapshotStore::copyOf);
    }

    @Override
    public void save(StreamKey stream, Snapshot snapshot) {
        latest.merge(stream, copyOf(snapshot),
                (stored, offered) -> offered.sequence() >= stored.sequence() ? offered : stored);
    }

    @Override
    public Optional<StateSnapshot> loadState(StreamKey stream, String name) {
        return Optional.ofNullable(states.get(new StateKey(stream, name)));
    }

    @Override
    public void saveState(StreamKey stream, StateSnapshot snapshot) {
        states.merge(new StateKey(stream, snapshot.name()), snapshot, (stored, offered) ->
                offered.stateVersion() != stored.stateVersion() || offered.sequence() >= stored.sequence()
                        ? offered : stored);
    }

    private static Snapshot copyOf(Snapshot snapshot) {
        History history = snapshot.history();
        return new Snapshot(new History(history.commitTimestamp(), history.sequence(), history.eventTypes(),
                history.payload().deepCopy()), snapshot.lastEventId());
    }
}
